package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleArchiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BundleContent macros(Map<String, String> modules) {
        return BundleContent.macros("catalog-7", modules);
    }

    private static Map<String, String> modules(boolean reversed) {
        Map<String, String> modules = new LinkedHashMap<>();
        List<String> order = reversed
                ? List.of("trustfabric/macros/set-size-cap/v1/macro.rego", "trustfabric/decision/decision.rego")
                : List.of("trustfabric/decision/decision.rego", "trustfabric/macros/set-size-cap/v1/macro.rego");
        for (String path : order) {
            modules.put(path, "package " + (path.contains("decision/") ? "trustfabric.decision"
                    : "trustfabric.macros[\"set-size-cap\"].v1") + "\n\nx := 1\n");
        }
        return modules;
    }

    @Test
    void sameContentGivesTheSameBytesWhateverTheOrderItWasBuiltIn() {
        SignedBundle first = BundleArchive.write(macros(modules(false)), TestKeys.signer());
        SignedBundle second = BundleArchive.write(macros(modules(true)), TestKeys.signer());
        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(first.revision()).isEqualTo("catalog-7");
    }

    @Test
    void sameTenantDataGivesTheSameBytesWhateverTheKeyOrder() throws Exception {
        JsonNode a = JSON.readTree("{\"policy\":\"trust/p\",\"revision\":3,\"default\":false,\"rules\":[]}");
        JsonNode b = JSON.readTree("{\"rules\":[],\"default\":false,\"revision\":3,\"policy\":\"trust/p\"}");
        assertThat(BundleArchive.write(BundleContent.tenant("acme", "3", a), TestKeys.signer()).bytes())
                .isEqualTo(BundleArchive.write(BundleContent.tenant("acme", "3", b), TestKeys.signer()).bytes());
    }

    @Test
    void anyChangeChangesTheDigest() throws Exception {
        JsonNode document = JSON.readTree("{\"policy\":null,\"revision\":0,\"default\":true,\"rules\":[]}");
        SignedBundle base = BundleArchive.write(BundleContent.tenant("acme", "1", document), TestKeys.signer());
        SignedBundle otherRevision = BundleArchive.write(BundleContent.tenant("acme", "2", document),
                TestKeys.signer());
        SignedBundle otherTenant = BundleArchive.write(BundleContent.tenant("globex", "1", document),
                TestKeys.signer());
        SignedBundle otherKey = BundleArchive.write(BundleContent.tenant("acme", "1", document),
                new BundleSigner(BundleSigningKey.generate()));
        assertThat(List.of(otherRevision.digest(), otherTenant.digest(), otherKey.digest()))
                .doesNotContain(base.digest()).doesNotHaveDuplicates();
    }

    @Test
    void digestIsTheSha256OfTheBytes() throws Exception {
        SignedBundle bundle = BundleArchive.write(macros(modules(false)), TestKeys.signer());
        assertThat(bundle.digest()).isEqualTo("sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle.bytes())));
        assertThat(bundle.etag()).isEqualTo("\"" + bundle.digest() + "\"");
    }

    @Test
    void entriesAreSortedRegularFilesWithFixedOwnershipModeAndTime() {
        SignedBundle bundle = BundleArchive.write(macros(modules(true)), TestKeys.signer());
        TarEntries tar = TarEntries.read(bundle.bytes());
        assertThat(tar.names()).containsExactly(".manifest", ".signatures.json",
                "trustfabric/decision/decision.rego", "trustfabric/macros/set-size-cap/v1/macro.rego");
        for (TarEntries.Entry entry : tar.entries()) {
            assertThat(entry.header().isFile()).isTrue();
            assertThat(entry.header().getMode()).isEqualTo(0644);
            assertThat(entry.header().getLongUserId()).isZero();
            assertThat(entry.header().getLongGroupId()).isZero();
            assertThat(entry.header().getUserName()).isEmpty();
            assertThat(entry.header().getGroupName()).isEmpty();
            assertThat(entry.header().getModTime().getTime()).isZero();
        }
        byte[] bytes = bundle.bytes();
        // gzip header: deflate, no flags (no name, no comment), mtime 0, OS unknown
        assertThat(java.util.Arrays.copyOf(bytes, 10))
                .containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
    }

    @Test
    void manifestAndDataAreCanonicalJson() throws Exception {
        JsonNode document = JSON.readTree("{ \"rules\": [], \"policy\": null, \"revision\": 0, \"default\": true }");
        TarEntries tar = TarEntries.read(BundleArchive.write(BundleContent.tenant("acme", "0", document),
                TestKeys.signer()).bytes());
        assertThat(tar.names()).containsExactly(".manifest", ".signatures.json", "data.json");
        assertThat(tar.get(".manifest").text())
                .isEqualTo("{\"rego_version\":1,\"revision\":\"0\",\"roots\":[\"trustfabric/tenants/acme\"]}");
        assertThat(tar.get("data.json").text()).isEqualTo("{\"trustfabric\":{\"tenants\":{\"acme\":"
                + "{\"default\":true,\"policy\":null,\"revision\":0,\"rules\":[]}}}}");
        assertThat(tar.get(".signatures.json").text()).matches("\\{\"signatures\":\\[\"[A-Za-z0-9_.-]+\"]}");
    }

    @Test
    void longModulePathsUseTheUstarPrefix() {
        String path = "trustfabric/macros/" + "a-rather-long-macro-name-".repeat(4) + "x/v12/macro.rego";
        assertThat(path.length()).isGreaterThan(100);
        TarEntries tar = TarEntries.read(BundleArchive.write(BundleContent.macros("1", Map.of(path,
                "package trustfabric.macros.x\n")), TestKeys.signer()).bytes());
        assertThat(tar.names()).contains(path);
    }

    @Test
    void refusesContentOpaWouldRefuse() {
        assertThatThrownBy(() -> new BundleContent("1", List.of("trustfabric", "trustfabric/decision"), Map.of(),
                null, null)).hasMessageContaining("overlap");
        assertThatThrownBy(() -> BundleContent.macros("1", Map.of("../evil.rego", "package x")))
                .hasMessageContaining("bad module path");
        assertThatThrownBy(() -> BundleContent.macros("1", Map.of("/abs.rego", "package x")))
                .hasMessageContaining("bad module path");
        assertThatThrownBy(() -> BundleContent.macros(" ", Map.of())).hasMessageContaining("revision");
    }
}
