/**
 * The workshop's data as the database keeps it: staff accounts and their roles, workshops, learners, the
 * stages they passed and an append-only log of what they did. Plain records, no framework types.
 */
package io.glassbox.workshop.model;
