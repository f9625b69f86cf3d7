/**
 * The nodes of one Glassbox installation (docs/scaling.md) telling each other about workshops: PostgreSQL's
 * LISTEN/NOTIFY carries a {@link io.glassbox.workshop.nodes.NodeEvent} from the node that answered a request to
 * the nodes whose lab hosts and dashboards it concerns.
 */
package io.glassbox.workshop.nodes;
