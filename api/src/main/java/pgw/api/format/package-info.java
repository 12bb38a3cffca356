/**
 * The Prometheus text exposition format 0.0.4 as the Pushgateway speaks it: parsing pushed bodies
 * (with prometheus/common's error messages) and writing scrapes (with Go's number formatting).
 */
package pgw.api.format;
