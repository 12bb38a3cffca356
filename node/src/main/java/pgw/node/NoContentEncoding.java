package pgw.node;

import io.helidon.http.Headers;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.encoding.ContentEncodingContextConfig;
import java.util.NoSuchElementException;

/**
 * Turns Helidon's content coding off both ways. Helidon answers 400 to any request {@code
 * Content-Encoding} it has no decoder for (and, with decoding disabled, to any such header at all),
 * where upstream ignores unknown ones and decodes gzip and snappy itself. So every coding is
 * "supported" by a decoder that leaves the bytes alone; the push handler decodes. Scrapes compress
 * their streams themselves.
 */
final class NoContentEncoding implements ContentEncodingContext {
  static final NoContentEncoding INSTANCE = new NoContentEncoding();

  private NoContentEncoding() {}

  @Override
  public ContentEncodingContextConfig prototype() {
    return ContentEncodingContextConfig.create();
  }

  @Override
  public boolean contentEncodingEnabled() {
    return false;
  }

  @Override
  public boolean contentDecodingEnabled() {
    return true;
  }

  @Override
  public boolean contentEncodingSupported(String encodingId) {
    return false;
  }

  @Override
  public boolean contentDecodingSupported(String encodingId) {
    return true;
  }

  @Override
  public ContentEncoder encoder(String encodingId) {
    throw new NoSuchElementException(encodingId);
  }

  @Override
  public ContentDecoder decoder(String encodingId) {
    return ContentDecoder.NO_OP;
  }

  @Override
  public ContentEncoder encoder(Headers headers) {
    return ContentEncoder.NO_OP;
  }
}
