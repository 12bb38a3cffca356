/**
 * The node: Helidon 4 SE HTTP front end, configuration and {@code main}. The only module that knows
 * HTTP; it parses and validates each request once, then hands it to a {@link
 * pgw.api.gateway.Gateway}.
 */
package pgw.node;
