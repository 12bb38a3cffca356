/**
 * The delimited protobuf push format (Pushgateway §2.4), the one client_java pushes by default:
 * decoded with client_java's generated classes, mapped onto the {@code pgw.api} model.
 */
package pgw.api.protobuf;
