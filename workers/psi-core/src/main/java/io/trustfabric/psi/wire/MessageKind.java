package io.trustfabric.psi.wire;

/** Byte 3 of every message: what the message carries. */
public enum MessageKind {
    BLINDED_QUERY(0x01),
    EVALUATED_ANSWER(0x02),
    SETUP(0x03);

    /** Bytes 0-1 of every message: ASCII "TF". */
    static final int MAGIC = 0x5446;
    /** Byte 2 of every message. */
    static final int VERSION = 1;

    private final int code;

    MessageKind(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** Checks magic, version and kind at the start of {@code buffer} and consumes them. */
    static void readHeader(java.nio.ByteBuffer buffer, MessageKind expected) {
        if (buffer.remaining() < 4) {
            throw new WireFormatException("message shorter than its 4-byte header");
        }
        int magic = buffer.getShort() & 0xffff;
        if (magic != MAGIC) {
            throw new WireFormatException(String.format("bad magic 0x%04x, expected 0x%04x (\"TF\")", magic, MAGIC));
        }
        int version = buffer.get() & 0xff;
        if (version != VERSION) {
            throw new WireFormatException("unsupported wire format version " + version + ", this side speaks " + VERSION);
        }
        int kind = buffer.get() & 0xff;
        if (kind != expected.code) {
            throw new WireFormatException(String.format("message kind 0x%02x, expected 0x%02x (%s)",
                    kind, expected.code, expected));
        }
    }

    void writeHeader(java.nio.ByteBuffer buffer) {
        buffer.putShort((short) MAGIC).put((byte) VERSION).put((byte) code);
    }
}
