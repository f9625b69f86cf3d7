/**
 * Wiring: reads the {@code glassbox.*} configuration, probes the machine at start-up, opens the sandbox and
 * the session registry, and closes them at shutdown. The layers below know nothing of Quarkus; this package
 * is where they meet it.
 */
package io.glassbox.app;
