package io.trustfabric.operator.policy.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a signed OPA bundle as a deterministic {@code .tar.gz}: entries sorted by path, each a regular file with
 * mode 0644, uid/gid 0, no user or group names and mtime 0; a gzip header without name or time. {@code .manifest},
 * {@code data.json} and {@code .signatures.json} are canonical JSON. So the same content always gives the same bytes
 * (on a given JVM: the deflate stream is the JDK's zlib's), and the digest of the bytes serves as the ETag.
 */
public final class BundleArchive {

    public static final String MANIFEST = ".manifest";
    public static final String DATA = "data.json";
    public static final String SIGNATURES = ".signatures.json";

    private static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;
    private static final int PREFIX_LENGTH = 155;

    private BundleArchive() {
    }

    /** The bundle of this content, signed with the signer's key. */
    public static SignedBundle write(BundleContent content, BundleSigner signer) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put(MANIFEST, CanonicalJson.bytes(manifest(content)));
        JsonNode data = content.data();
        if (data != null && !data.isEmpty()) {
            files.put(DATA, CanonicalJson.bytes(data));
        }
        content.modules().forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
        ObjectNode signatures = JsonNodeFactory.instance.objectNode();
        signatures.putArray("signatures").add(signer.sign(files));
        SortedMap<String, byte[]> entries = new TreeMap<>(files);
        entries.put(SIGNATURES, CanonicalJson.bytes(signatures));
        byte[] archive = gzip(tar(entries));
        return new SignedBundle(archive, "sha256:" + HexFormat.of().formatHex(BundleSigner.sha256(archive)),
                content.revision());
    }

    /** {@code {"metadata":…,"revision":…,"rego_version":1,"roots":[…]}}. */
    static ObjectNode manifest(BundleContent content) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("revision", content.revision());
        content.roots().forEach(manifest.putArray("roots")::add);
        manifest.put("rego_version", 1);
        if (content.metadata() != null) {
            manifest.set("metadata", content.metadata());
        }
        return manifest;
    }

    static byte[] tar(SortedMap<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            out.writeBytes(header(entry.getKey(), entry.getValue().length));
            out.writeBytes(entry.getValue());
            int padding = (BLOCK - entry.getValue().length % BLOCK) % BLOCK;
            out.writeBytes(new byte[padding]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** A POSIX ustar header of a regular file. */
    private static byte[] header(String path, long size) {
        byte[] header = new byte[BLOCK];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[0];
        if (name.length > NAME_LENGTH) {
            int split = splitPoint(path);
            prefix = path.substring(0, split).getBytes(StandardCharsets.UTF_8);
            name = path.substring(split + 1).getBytes(StandardCharsets.UTF_8);
        }
        System.arraycopy(name, 0, header, 0, name.length);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = '0';
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        octal(header, 329, 8, 0);
        octal(header, 337, 8, 0);
        System.arraycopy(prefix, 0, header, 345, prefix.length);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        return header;
    }

    private static int splitPoint(String path) {
        for (int i = path.length() - 1; i > 0; i--) {
            if (path.charAt(i) == '/') {
                int prefixBytes = path.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
                int nameBytes = path.substring(i + 1).getBytes(StandardCharsets.UTF_8).length;
                if (prefixBytes <= PREFIX_LENGTH && nameBytes <= NAME_LENGTH && nameBytes > 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("bundle path too long for a tar header: " + path);
    }

    /** {@code width - 1} octal digits, zero-padded, then NUL. */
    private static void octal(byte[] header, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a tar header field");
        }
        ascii(header, offset, "0".repeat(width - 1 - digits.length()) + digits);
        header[offset + width - 1] = 0;
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** RFC 1952 with a fixed header: no file name, mtime 0, OS "unknown". */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        littleEndian(out, crc.getValue());
        littleEndian(out, data.length & 0xffffffffL);
        return out.toByteArray();
    }

    private static void littleEndian(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
