package io.trustfabric.psi.wire;

import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.ServerSetDigest;
import io.trustfabric.psi.protocol.SetupEncoding;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What {@code GET /v1/setup} returns: the tenant, the key epoch, the normalization the partner must
 * apply, and the digest of the server's evaluated set.
 *
 * <pre>
 * offset size  field
 *  0      2    magic "TF"
 *  2      1    version (1)
 *  3      1    kind 0x03 (setup)
 *  4      8    key epoch, big-endian
 * 12      1    set encoding: 1 exact, 2 gcs, 3 bloom
 * 13      1    normalization: 0 none, 1 trim, 2 email-lowercase, 3 email-lowercase-sha256
 * 14      4    server item count, big-endian
 * 18      2    length L1 of the tenant namespace, then L1 bytes UTF-8
 *  .      2    length L2 of the tenant name, then L2 bytes UTF-8
 *  .      4    payload length P, then P bytes: the encoding's payload
 * </pre>
 */
public record SetupMessage(KeyEpochContext context, Normalization normalization, ServerSetDigest digest) {

    public byte[] encode() {
        byte[] namespace = context.namespace().getBytes(StandardCharsets.UTF_8);
        byte[] tenant = context.tenant().getBytes(StandardCharsets.UTF_8);
        byte[] payload = digest.payload();
        ByteBuffer buffer = ByteBuffer.allocate(18 + 2 + namespace.length + 2 + tenant.length + 4 + payload.length);
        MessageKind.SETUP.writeHeader(buffer);
        buffer.putLong(context.epoch())
                .put((byte) digest.encoding().wireCode())
                .put((byte) normalization.wireCode())
                .putInt(digest.itemCount())
                .putShort((short) namespace.length).put(namespace)
                .putShort((short) tenant.length).put(tenant)
                .putInt(payload.length).put(payload);
        return buffer.array();
    }

    /** @throws WireFormatException if the bytes are not a well-formed setup message */
    public static SetupMessage decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            MessageKind.readHeader(buffer, MessageKind.SETUP);
            long epoch = buffer.getLong();
            SetupEncoding encoding = SetupEncoding.fromWireCode(buffer.get() & 0xff);
            Normalization normalization = Normalization.fromWireCode(buffer.get() & 0xff);
            int itemCount = buffer.getInt();
            if (itemCount < 0) {
                throw new WireFormatException("negative item count");
            }
            String namespace = readString(buffer);
            String tenant = readString(buffer);
            int payloadLength = buffer.getInt();
            if (payloadLength != buffer.remaining()) {
                throw new WireFormatException("setup payload announces " + payloadLength
                        + " bytes but " + buffer.remaining() + " follow");
            }
            byte[] payload = new byte[payloadLength];
            buffer.get(payload);
            ServerSetDigest digest = encoding.parse(payload, itemCount, ElementBatch.ELEMENT_BYTES);
            return new SetupMessage(new KeyEpochContext(namespace, tenant, epoch), normalization, digest);
        } catch (BufferUnderflowException e) {
            throw new WireFormatException("setup message ends early", e);
        } catch (WireFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("malformed setup message: " + e.getMessage(), e);
        }
    }

    private static String readString(ByteBuffer buffer) {
        int length = buffer.getShort() & 0xffff;
        byte[] utf8 = new byte[length];
        buffer.get(utf8);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException("tenant identity is not valid UTF-8", e);
        }
    }
}
