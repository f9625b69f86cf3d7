/**
 * Workshops: a class run on one server. Instructors and assistants sign in; learners join with a display name
 * and carry a learner key between devices; every check, hint and Show me is stored, so progress outlives the
 * lab host, the browser and the server itself. A learner who comes back gets a fresh lab host fast-forwarded
 * to their stage. Staff watch the room on a live dashboard fed by {@link io.glassbox.workshop.WorkshopFeed}.
 */
package io.glassbox.workshop;
