/** One class per resource of the HTTP API, plus the single mapping of errors to statuses. */
package pgw.node.http;
