package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.group.Scalar;
import io.trustfabric.psi.protocol.Normalization;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: a partner must be able to write an interoperable client from docs/worker-api.md alone. This test is such
 * a client, written from the documented formulas only (setup header, GCS and Bloom payloads, normalization, file
 * reading, DST, element batches). From the production code it uses only the group primitives the docs name
 * (hash to curve, multiply, inverse); it never calls the production decoders, hash helpers or normalizer, except to
 * compare the documented normalization with the production one.
 */
class DocumentedSetupDecodingTest {
    private static final String SETUP_TYPE = "application/vnd.trustfabric.psi-setup.v1+octet-stream";
    private static final String QUERY_TYPE = "application/vnd.trustfabric.psi.v1+octet-stream";

    @TempDir
    Path dir;

    /** The tenant's data set, written with CR LF line endings, a blank and a white-space-only line. */
    private static final List<String> TRICKY_LINES = List.of(
            "  Alice@Example.COM\t",
            "BOB@EXAMPLE.COM",
            "bob@example.com",                       // equal to the previous one after normalization: counted twice
            "ÉLODIE@EXEMPLE.FR",
            "\u00a0nbsp@example.com",                // a no-break space is not white space: it stays
            "\u2003emspace@example.com\u3000",       // em space and ideographic space are stripped
            "ΟΔΟΣ@example.gr",                       // Σ after a cased letter, before '@' (not cased): final ς
            "İstanbul@example.tr",
            "",
            " \t ");

    /** Partner items that must match (after the documented normalization) and ones that must not. */
    private static final List<String> PARTNER_MEMBERS = List.of(
            "alice@example.com", "ALICE@EXAMPLE.COM ", "Bob@Example.Com", "élodie@exemple.fr",
            "\u00a0NBSP@example.com", "emspace@example.com", "\tΟΔΟΣ@EXAMPLE.GR",
            "İSTANBUL@EXAMPLE.TR");
    private static final List<String> PARTNER_NON_MEMBERS = List.of(
            "nbsp@example.com",          // the server's item starts with U+00A0
            "istanbul@example.tr",       // İ lower-cases to i + U+0307, not to i
            "elodie@exemple.fr", "οδοσ@example.gr", "carol@example.com", "alice@example.co");

    // ---------------------------------------------------------------- the client written from the docs

    /** strip(): the white space listed in docs/worker-api.md, "Normalization, exactly". */
    static boolean documentedWhiteSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x1680 || (c >= 0x2000 && c <= 0x2006)
                || (c >= 0x2008 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x205f || c == 0x3000;
    }

    static String documentedStrip(String item) {
        int[] cps = item.codePoints().toArray();
        int from = 0;
        int to = cps.length;
        while (from < to && documentedWhiteSpace(cps[from])) {
            from++;
        }
        while (to > from && documentedWhiteSpace(cps[to - 1])) {
            to--;
        }
        return new String(cps, from, to - from);
    }

    static byte[] documentedNormalize(int code, String item) {
        return switch (code) {
            case 0 -> item.getBytes(StandardCharsets.UTF_8);
            case 1 -> documentedStrip(item).getBytes(StandardCharsets.UTF_8);
            case 2 -> documentedStrip(item).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            case 3 -> HexFormat.of().formatHex(sha256(documentedStrip(item).toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
            default -> throw new AssertionError("undocumented normalization " + code);
        };
    }

    /** Items of a lines file: split at LF, CR or CR LF; empty and white-space-only lines skipped. */
    static List<String> documentedLines(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        List<String> items = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (!line.codePoints().allMatch(DocumentedSetupDecodingTest::documentedWhiteSpace)) {
                    items.add(line.toString());
                }
                line.setLength(0);
                if (i == text.length()) {
                    break;
                }
            } else {
                line.append(c);
            }
        }
        return items;
    }

    record Setup(long epoch, int encoding, int normalization, int itemCount, String namespace, String name,
                 byte[] payload) {
        byte[] dst() {
            return ("TrustFabric-PSI-V01-CS01-with-curve25519_XMD:SHA-512_ELL2_RO_:" + namespace + "/" + name
                    + ":epoch:" + epoch).getBytes(StandardCharsets.UTF_8);
        }
    }

    static Setup parseSetup(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message); // big-endian by default, as documented
        assertThat(new byte[] {in.get(), in.get(), in.get(), in.get()}).containsExactly('T', 'F', 1, 3);
        long epoch = in.getLong();
        int encoding = in.get() & 0xff;
        int normalization = in.get() & 0xff;
        int itemCount = in.getInt();
        String namespace = utf8(in, in.getShort() & 0xffff);
        String name = utf8(in, in.getShort() & 0xffff);
        byte[] payload = new byte[in.getInt()];
        in.get(payload);
        assertThat(in.remaining()).as("nothing after the payload").isZero();
        return new Setup(epoch, encoding, normalization, itemCount, namespace, name, payload);
    }

    private static String utf8(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** h1 and h2: bytes 0-7 and 8-15 of SHA-256(element), big-endian. */
    static long[] words(byte[] element) {
        ByteBuffer digest = ByteBuffer.wrap(sha256(element));
        return new long[] {digest.getLong(), digest.getLong()};
    }

    interface DocumentedSet {
        boolean contains(byte[] element);
    }

    /** The gcs payload: k, then Rice-coded gaps, MSB first, zero padding, nothing after. */
    static final class DocGcs implements DocumentedSet {
        final int k;
        final long[] values;
        final java.math.BigInteger range;

        DocGcs(byte[] payload, int itemCount) {
            k = payload[0] & 0xff;
            assertThat(k).isBetween(1, 32);
            range = java.math.BigInteger.valueOf(Math.max(itemCount, 1)).shiftLeft(k);
            values = new long[itemCount];
            long bit = 8; // the stream starts at byte 1
            long previous = 0;
            for (int i = 0; i < itemCount; i++) {
                long q = 0;
                while (bitAt(payload, bit++) == 1) {
                    q++;
                }
                long r = 0;
                for (int b = 0; b < k; b++) {
                    r = (r << 1) | bitAt(payload, bit++);
                }
                previous += (q << k) + r;
                values[i] = previous;
            }
            assertThat((bit + 7) / 8).as("payload is 1 + ceil(bits / 8) bytes").isEqualTo(payload.length);
            for (long pad = bit; pad < payload.length * 8L; pad++) {
                assertThat(bitAt(payload, pad)).as("padding bit %d", pad).isZero();
            }
            assertThat(range.compareTo(java.math.BigInteger.valueOf(values.length == 0 ? 0 : values[values.length - 1])))
                    .isPositive();
        }

        private static int bitAt(byte[] data, long bit) {
            return (data[(int) (bit / 8)] >> (7 - (int) (bit % 8))) & 1;
        }

        long value(byte[] element) {
            java.math.BigInteger h1 = new java.math.BigInteger(1, Arrays.copyOf(sha256(element), 8));
            return h1.multiply(range).shiftRight(64).longValueExact();
        }

        @Override
        public boolean contains(byte[] element) {
            return Arrays.binarySearch(values, value(element)) >= 0;
        }
    }

    /** The bloom payload: k (4 bytes), m (8 bytes), filter bit j at byte j/8, mask 1 << (j % 8). */
    static final class DocBloom implements DocumentedSet {
        final int k;
        final long m;
        final byte[] filter;

        DocBloom(byte[] payload) {
            ByteBuffer in = ByteBuffer.wrap(payload);
            k = in.getInt();
            m = in.getLong();
            assertThat(k).isBetween(1, 64);
            assertThat(payload.length - 12L).isEqualTo((m + 7) / 8);
            filter = Arrays.copyOfRange(payload, 12, payload.length);
            for (long j = m; j < filter.length * 8L; j++) {
                assertThat(bit(j)).as("unused bit %d", j).isFalse();
            }
        }

        boolean bit(long j) {
            return (filter[(int) (j / 8)] & (1 << (int) (j % 8))) != 0;
        }

        @Override
        public boolean contains(byte[] element) {
            long[] h = words(element);
            java.math.BigInteger twoTo64 = java.math.BigInteger.ONE.shiftLeft(64);
            java.math.BigInteger h1 = new java.math.BigInteger(Long.toUnsignedString(h[0]));
            java.math.BigInteger h2 = new java.math.BigInteger(Long.toUnsignedString(h[1]));
            for (int i = 0; i < k; i++) {
                long j = h1.add(h2.multiply(java.math.BigInteger.valueOf(i))).mod(twoTo64)
                        .mod(java.math.BigInteger.valueOf(m)).longValueExact();
                if (!bit(j)) {
                    return false;
                }
            }
            return true;
        }
    }

    static DocumentedSet decode(Setup setup) {
        return switch (setup.encoding()) {
            case 2 -> new DocGcs(setup.payload(), setup.itemCount());
            case 3 -> new DocBloom(setup.payload());
            default -> throw new AssertionError("encoding " + setup.encoding() + " not decoded here");
        };
    }

    /** Blinds, queries POST /v1/psi, unblinds: the evaluated elements H(x)^b of {@code items}, in order. */
    static List<byte[]> evaluate(WorkerFixture fixture, Setup setup, List<String> items) throws Exception {
        var group = WorkerFixture.GROUP;
        // Each distinct normalized item is sent once (a query must not repeat an element).
        java.util.Map<String, Integer> slot = new java.util.LinkedHashMap<>();
        List<Integer> slots = new ArrayList<>();
        for (String item : items) {
            String key = HexFormat.of().formatHex(documentedNormalize(setup.normalization(), item));
            slots.add(slot.computeIfAbsent(key, k -> slot.size()));
        }
        Scalar a = group.randomScalar(new SecureRandom());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(16).put((byte) 'T').put((byte) 'F').put((byte) 1).put((byte) 1)
                .putLong(setup.epoch()).putInt(slot.size()).array());
        for (String normalized : slot.keySet()) {
            body.writeBytes(group.multiply(a, group.hashToElement(HexFormat.of().parseHex(normalized), setup.dst())));
        }
        HttpResponse<byte[]> response = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v1/psi"))
                .header("X-TrustFabric-Api-Key", WorkerFixture.API_KEY).header("Content-Type", QUERY_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        ByteBuffer answer = ByteBuffer.wrap(response.body());
        assertThat(new byte[] {answer.get(), answer.get(), answer.get(), answer.get()}).containsExactly('T', 'F', 1, 2);
        assertThat(answer.getLong()).isEqualTo(setup.epoch());
        assertThat(answer.getInt()).isEqualTo(slot.size());
        Scalar unblind = group.inverse(a);
        List<byte[]> distinct = new ArrayList<>();
        for (int i = 0; i < slot.size(); i++) {
            byte[] element = new byte[32];
            answer.get(element);
            distinct.add(group.multiply(unblind, element));
        }
        assertThat(answer.remaining()).isZero();
        return slots.stream().map(distinct::get).toList();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the tests

    private Setup startAndFetch(Path tenantDir, String encoding, double rate, List<String> lines, int generated,
                                WorkerFixture[] started) throws Exception {
        Files.createDirectories(tenantDir);
        var config = WorkerFixture.config(tenantDir, List.of());
        config.getJsonObject("dataset").put("normalization", "email-lowercase");
        config.getJsonObject("setup").put("encoding", encoding).put("falsePositiveRate", rate);
        StringBuilder file = new StringBuilder();
        lines.forEach(line -> file.append(line).append("\r\n"));
        for (int i = 0; i < generated; i++) {
            file.append("User").append(i).append("@Example.COM\r\n");
        }
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(tenantDir.resolve("items.txt"), bytes);
        started[0] = WorkerFixture.startReady(tenantDir, config);
        HttpResponse<byte[]> response = started[0].get("/v1/setup");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(SETUP_TYPE);
        Setup setup = parseSetup(response.body());
        assertThat(setup.encoding()).isEqualTo("gcs".equals(encoding) ? 2 : 3);
        assertThat(setup.normalization()).isEqualTo(2);
        assertThat(setup.namespace() + "/" + setup.name()).isEqualTo("trust/acme");
        assertThat(setup.itemCount()).as("N: non-blank lines, duplicates included")
                .isEqualTo(documentedLines(bytes).size()).isEqualTo(lines.size() - 2 + generated);
        return setup;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcs", "bloom"})
    void aClientWrittenFromTheDocsFindsExactlyTheServersItems(String encoding) throws Exception {
        WorkerFixture[] fixture = new WorkerFixture[1];
        try {
            Setup setup = startAndFetch(dir.resolve("strict"), encoding, 1e-9, TRICKY_LINES, 50, fixture);
            DocumentedSet set = decode(setup);
            if (set instanceof DocGcs gcs) {
                assertThat(gcs.k).as("k = ceil(log2(1/p))").isEqualTo(30);
            }
            List<String> members = new ArrayList<>(PARTNER_MEMBERS);
            for (int i = 0; i < 50; i += 7) {
                members.add("user" + i + "@example.com");
            }
            List<byte[]> found = evaluate(fixture[0], setup, members);
            for (int i = 0; i < members.size(); i++) {
                assertThat(set.contains(found.get(i))).as("member %s", members.get(i)).isTrue();
            }
            List<String> strangers = new ArrayList<>(PARTNER_NON_MEMBERS);
            for (int i = 50; i < 250; i++) {
                strangers.add("user" + i + "@example.com");
            }
            List<byte[]> notFound = evaluate(fixture[0], setup, strangers);
            for (int i = 0; i < strangers.size(); i++) {
                assertThat(set.contains(notFound.get(i))).as("non-member %s", strangers.get(i)).isFalse();
            }
        } finally {
            if (fixture[0] != null) {
                fixture[0].close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcs", "bloom"})
    void theDecodedSetHasTheDocumentedFalsePositiveRate(String encoding) throws Exception {
        double p = 0.01;
        WorkerFixture[] fixture = new WorkerFixture[1];
        try {
            Setup setup = startAndFetch(dir.resolve("loose"), encoding, p, TRICKY_LINES, 400, fixture);
            DocumentedSet set = decode(setup);
            double bound = p;
            if (set instanceof DocGcs gcs) {
                assertThat(gcs.k).isEqualTo(7); // ceil(log2(100))
                bound = Math.pow(2, -gcs.k);
            } else if (set instanceof DocBloom bloom) {
                int n = setup.itemCount();
                long m = Math.max(64, (long) Math.ceil(-n * Math.log(p) / (Math.log(2) * Math.log(2))));
                assertThat(bloom.m).as("m = max(64, ceil(-n ln p / ln^2 2))").isEqualTo(m);
                assertThat(bloom.k).as("k = round(m/n ln 2)").isEqualTo((int) Math.round((double) m / n * Math.log(2)));
            }
            List<byte[]> members = evaluate(fixture[0], setup, List.of("user7@example.com", " ALICE@example.com"));
            assertThat(members).allMatch(set::contains);

            // Non-members: random 32-byte strings stand in for unrelated evaluated elements (only SHA-256 sees them).
            Random random = new Random(15);
            int trials = 20_000;
            int falsePositives = 0;
            for (int t = 0; t < trials; t++) {
                byte[] element = new byte[32];
                random.nextBytes(element);
                falsePositives += set.contains(element) ? 1 : 0;
            }
            double rate = (double) falsePositives / trials;
            assertThat(rate).as("false-positive rate of the decoded %s", encoding)
                    .isLessThanOrEqualTo(1.5 * bound).isGreaterThanOrEqualTo(bound / 4);
        } finally {
            if (fixture[0] != null) {
                fixture[0].close();
            }
        }
    }

    @Test
    void theDocumentedNormalizationIsTheProductionOne() {
        List<String> tricky = new ArrayList<>(List.of(
                "  Alice@Example.COM\t", "a\r\n", "\r\nx\r", "x\ry", "\u00a0nbsp\u00a0", "\u2007figure\u202f",
                "\u0085nel\u0085", "\u200bzw\u200b", "\ufeffbom", "\u2003em\u3000", "\u2028ls\u2029", "\u001fus\u001c",
                "ÉLODIE", "ΟΔΟΣ ΣΑ Σ", "İstanbul", "STRASSE ẞ ß", "Ǆ ǅ", "ＡＢＣ", "\uD801\uDC00 deseret", "lone \uD800",
                "", "   ", "\t", "mixed Case\tinside "));
        for (int c = 0; c < 0x10000; c++) {
            if (!Character.isSurrogate((char) c)) {
                String ch = new String(Character.toChars(c));
                tricky.add(ch + "Q" + ch);
            }
        }
        for (Normalization normalization : Normalization.values()) {
            for (String item : tricky) {
                assertThat(documentedNormalize(normalization.wireCode(), item))
                        .as("%s of %s", normalization.configName(), item.codePoints()
                                .mapToObj(Integer::toHexString).toList())
                        .containsExactly(normalization.apply(item));
            }
        }
    }

    @Test
    void theDocumentedFileReadingIsTheWorkers() throws Exception {
        String text = "\ufeffFirst\r\nsecond\rthird\n\r\n \t \n\u00a0\nlast";
        Path file = Files.writeString(dir.resolve("lines.txt"), text);
        assertThat(documentedLines(Files.readAllBytes(file)))
                .containsExactlyElementsOf(io.trustfabric.psi.protocol.ItemFile.readLines(file))
                .containsExactly("\ufeffFirst", "second", "third", "\u00a0", "last");
    }
}
