/**
 * Sessions: who is connected, to which lab host, for how long.
 *
 * <p>A session is one learner's claim on one lab host, identified by an unguessable id and authorised by a
 * separate secret token. The {@link io.glassbox.session.SessionRegistry} is the single owner of lifecycles:
 * it enforces the capacity limit, ends sessions that sat idle or lived too long, and hands lab hosts to a
 * background executor for teardown so no web request ever waits on the kernel.
 */
package io.glassbox.session;
