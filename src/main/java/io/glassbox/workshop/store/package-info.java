/**
 * The workshop's persistence: plain JDBC over H2 (embedded, the default) or PostgreSQL, with the schema in
 * Flyway migrations (src/main/resources/db/migration). Each store owns the SQL of one table group; each call
 * is one transaction.
 */
package io.glassbox.workshop.store;
