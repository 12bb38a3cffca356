/**
 * The node's own metrics (Pushgateway §6, decision D4): node-local, served on their own path and
 * never mixed into the pushed metrics, through Prometheus' client_java.
 */
package pgw.node.metrics;
