package io.trustfabric.psi.wire;

import io.trustfabric.psi.protocol.PackedElements;
import java.nio.ByteBuffer;

/**
 * A batch of group elements for one key epoch: the partner's blinded query or the server's answer.
 *
 * <pre>
 * offset size  field
 *  0      2    magic "TF" (0x54 0x46)
 *  2      1    version (1)
 *  3      1    kind: 0x01 blinded query, 0x02 evaluated answer
 *  4      8    key epoch, unsigned big-endian
 * 12      4    element count n, big-endian
 * 16      32n  the elements, 32 bytes each, back to back
 * </pre>
 */
public record ElementBatch(MessageKind kind, long epoch, PackedElements elements) {
    public static final int HEADER_BYTES = 16;
    public static final int ELEMENT_BYTES = 32;

    public ElementBatch {
        if (elements.width() != ELEMENT_BYTES) {
            throw new IllegalArgumentException("elements must be " + ELEMENT_BYTES + " bytes");
        }
        if (kind == MessageKind.SETUP) {
            throw new IllegalArgumentException("an element batch is a query or an answer");
        }
    }

    public static ElementBatch query(long epoch, PackedElements elements) {
        return new ElementBatch(MessageKind.BLINDED_QUERY, epoch, elements);
    }

    public static ElementBatch answer(long epoch, PackedElements elements) {
        return new ElementBatch(MessageKind.EVALUATED_ANSWER, epoch, elements);
    }

    /** Size in bytes of a batch of {@code count} elements. */
    public static long encodedSize(long count) {
        return HEADER_BYTES + count * ELEMENT_BYTES;
    }

    public byte[] encode() {
        byte[] body = elements.bytes();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + body.length);
        kind.writeHeader(buffer);
        buffer.putLong(epoch).putInt(elements.count()).put(body);
        return buffer.array();
    }

    /**
     * Parses a batch of the expected kind.
     *
     * @throws WireFormatException if the bytes are not such a batch (header, count or length wrong)
     */
    public static ElementBatch decode(byte[] bytes, MessageKind expected) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        MessageKind.readHeader(buffer, expected);
        if (buffer.remaining() < HEADER_BYTES - 4) {
            throw new WireFormatException("element batch shorter than its " + HEADER_BYTES + "-byte header");
        }
        long epoch = buffer.getLong();
        long count = Integer.toUnsignedLong(buffer.getInt());
        if (buffer.remaining() != count * ELEMENT_BYTES) {
            throw new WireFormatException("element batch announces " + count + " elements ("
                    + count * ELEMENT_BYTES + " bytes) but carries " + buffer.remaining() + " bytes");
        }
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return new ElementBatch(expected, epoch, new PackedElements(body, ELEMENT_BYTES));
    }

    /** Reads only the announced element count, so oversized queries are refused before they are copied. */
    public static long peekCount(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new WireFormatException("element batch shorter than its " + HEADER_BYTES + "-byte header");
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 12, 4).getInt());
    }

    /**
     * Checks the header in wire order — magic, version, kind, then that the whole 16-byte header is there — and
     * only then reads the announced element count (the length is left to {@link #decode}). A body that is not a
     * batch at all is thus refused for its first wrong field, never judged by bytes that merely sit where the
     * count would be.
     *
     * @throws WireFormatException naming the first field in wire order that is wrong
     */
    public static long peekCount(byte[] bytes, MessageKind expected) {
        MessageKind.readHeader(ByteBuffer.wrap(bytes), expected);
        return peekCount(bytes);
    }
}
