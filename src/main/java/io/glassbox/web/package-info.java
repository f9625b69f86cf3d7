/**
 * The HTTP face of Glassbox: the start page (a Qute template; its behaviour is the browser code in
 * frontend/), REST resources, health checks and error mapping. Resources stay thin: they check input, call
 * the session registry or the engine, and shape JSON. Every error reaches the client as JSON with a message a
 * person can act on.
 */
package io.glassbox.web;
