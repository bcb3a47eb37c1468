package io.trustfabric.loadtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response off a connection: the status, whether the connection stays open, and the body's
 * length (the body itself is counted, not kept). Only {@code Content-Length} bodies, which is what the worker
 * sends; a chunked or otherwise unexpected response is reported as malformed rather than guessed at.
 */
final class ResponseReader {
    enum Progress { MORE, COMPLETE, CLOSED, MALFORMED }

    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private boolean headRead;
    private int status;
    private long bodyLength;
    private long bodyRemaining;
    private boolean keepAlive;
    private String problem;

    void reset() {
        buffer.clear();
        headRead = false;
        status = 0;
        bodyLength = 0;
        bodyRemaining = 0;
        keepAlive = true;
        problem = null;
    }

    Progress readFrom(ReadableByteChannel channel) throws IOException {
        int read = channel.read(buffer);
        if (read < 0) {
            return Progress.CLOSED;
        }
        return consume();
    }

    private Progress consume() {
        if (!headRead) {
            int headEnd = headEnd();
            if (headEnd < 0) {
                return buffer.position() >= MAX_HEAD_BYTES ? malformed("response head over " + MAX_HEAD_BYTES + " bytes")
                        : Progress.MORE;
            }
            Progress head = parseHead(new String(buffer.array(), 0, headEnd, StandardCharsets.ISO_8859_1));
            if (head != Progress.MORE) {
                return head;
            }
            headRead = true;
            bodyRemaining = bodyLength - (buffer.position() - headEnd - 4);
        } else {
            bodyRemaining -= buffer.position();
        }
        buffer.clear();
        if (bodyRemaining < 0) {
            return malformed("more bytes than the Content-Length announced");
        }
        return bodyRemaining == 0 ? Progress.COMPLETE : Progress.MORE;
    }

    int status() {
        return status;
    }

    int bodyBytes() {
        return (int) bodyLength;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    String problem() {
        return problem;
    }

    private int headEnd() {
        byte[] bytes = buffer.array();
        for (int i = 3; i < buffer.position(); i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    private Progress parseHead(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            return malformed("not an HTTP/1.x status line: " + lines[0]);
        }
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            return malformed("bad status code in: " + lines[0]);
        }
        keepAlive = !"HTTP/1.0".equals(statusLine[0]);
        boolean lengthSeen = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                return malformed("bad header line: " + lines[i]);
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        bodyLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return malformed("bad Content-Length: " + value);
                    }
                    lengthSeen = bodyLength >= 0;
                }
                case "transfer-encoding" -> {
                    return malformed("Transfer-Encoding " + value + " is not supported by the load drivers");
                }
                case "connection" -> keepAlive = !"close".equalsIgnoreCase(value);
                default -> { }
            }
        }
        return lengthSeen ? Progress.MORE : malformed("no Content-Length");
    }

    private Progress malformed(String why) {
        problem = why;
        return Progress.MALFORMED;
    }
}
