package io.trustfabric.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Responses as the worker writes them, arriving in pieces, and the ones the drivers refuse to guess at. */
class ResponseReaderTest {

    @Test
    void aResponseArrivingByteByByteIsCompleteOnlyAfterItsLastBodyByte() throws IOException {
        String response = "HTTP/1.1 200 OK\r\ncontent-type: application/x\r\ncontent-length: 5\r\n\r\nabcde";
        ResponseReader reader = new ResponseReader();
        reader.reset();
        ReadableByteChannel channel = trickle(response, 1);
        ResponseReader.Progress progress = ResponseReader.Progress.MORE;
        int reads = 0;
        while (progress == ResponseReader.Progress.MORE) {
            progress = reader.readFrom(channel);
            reads++;
        }
        assertThat(progress).isEqualTo(ResponseReader.Progress.COMPLETE);
        assertThat(reads).isEqualTo(response.length());
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.bodyBytes()).isEqualTo(5);
        assertThat(reader.keepAlive()).isTrue();
    }

    @Test
    void headerNamesAreCaseInsensitiveAndConnectionCloseEndsKeepAlive() throws IOException {
        ResponseReader reader = read("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(reader.status()).isEqualTo(429);
        assertThat(reader.keepAlive()).isFalse();
        assertThat(read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void aReaderIsReusedForTheNextResponseOnTheConnection() throws IOException {
        ResponseReader reader = read("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
        reader.reset();
        assertThat(reader.readFrom(trickle("HTTP/1.1 413 Too Large\r\ncontent-length: 1\r\n\r\nx", 1000)))
                .isEqualTo(ResponseReader.Progress.COMPLETE);
        assertThat(reader.status()).isEqualTo(413);
        assertThat(reader.bodyBytes()).isEqualTo(1);
    }

    @Test
    void unexpectedResponsesAreMalformedWithTheReason() throws IOException {
        assertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n", "chunked");
        assertMalformed("HTTP/1.1 200 OK\r\ncontent-type: x\r\n\r\n", "no Content-Length");
        assertMalformed("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nabc", "more bytes than the Content-Length");
        assertMalformed("SSH-2.0-OpenSSH\r\n\r\n", "not an HTTP/1.x status line");
        assertMalformed("HTTP/1.1 abc OK\r\ncontent-length: 0\r\n\r\n", "bad status code");
        assertMalformed("HTTP/1.1 200 OK\r\ncontent-length: many\r\n\r\n", "bad Content-Length");
    }

    @Test
    void aClosedConnectionIsReportedAsClosed() throws IOException {
        ResponseReader reader = new ResponseReader();
        reader.reset();
        assertThat(reader.readFrom(trickle("", 1))).isEqualTo(ResponseReader.Progress.CLOSED);
    }

    private static void assertMalformed(String response, String reason) throws IOException {
        ResponseReader reader = new ResponseReader();
        reader.reset();
        assertThat(reader.readFrom(trickle(response, 1000))).isEqualTo(ResponseReader.Progress.MALFORMED);
        assertThat(reader.problem()).contains(reason);
    }

    private static ResponseReader read(String response) throws IOException {
        ResponseReader reader = new ResponseReader();
        reader.reset();
        assertThat(reader.readFrom(trickle(response, 1000))).isEqualTo(ResponseReader.Progress.COMPLETE);
        return reader;
    }

    /** A channel that hands out at most {@code chunk} bytes per read. */
    private static ReadableByteChannel trickle(String text, int chunk) {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }

            @Override
            public synchronized int available() {
                return 0;   // Channels.newChannel keeps reading while bytes are available
            }
        };
        return Channels.newChannel(in);
    }
}
