package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BundleStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BundleStore store = new BundleStore(TestKeys.signer());
    private final List<BundleStore.Change> changes = new CopyOnWriteArrayList<>();

    {
        store.addListener(changes::add);
    }

    @Test
    void aTenantWithoutBundleGetsNothingUntilSyncedThenTheDefaultBundle() throws Exception {
        assertThat(store.tenant("trust", "acme")).isEmpty();
        store.markTenantsSynced();
        SignedBundle bundle = store.tenant("trust", "acme").orElseThrow();
        assertThat(bundle.revision()).isEqualTo(BundleStore.DEFAULT_REVISION);
        TarEntries tar = TarEntries.read(bundle.bytes());
        assertThat(JSON.readTree(tar.get("data.json").content())).isEqualTo(JSON.readTree(
                "{\"trustfabric\":{\"tenants\":{\"acme\":{\"policy\":null,\"revision\":0,\"default\":true,"
                        + "\"rules\":[]}}}}"));
        assertThat(JSON.readTree(tar.get(".manifest").content()).get("roots").get(0).asText())
                .isEqualTo("trustfabric/tenants/acme");
        assertThat(store.tenant("other", "acme").orElseThrow().bytes()).isEqualTo(bundle.bytes());
        assertThat(store.hasOwnBundle("trust", "acme")).isFalse();
        assertThat(changes).isEmpty();
    }

    @Test
    void putServesTheTenantsBundleAndRemoveFallsBackToTheDefault() {
        store.markTenantsSynced();
        SignedBundle own = store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(1, 10));
        assertThat(store.tenant("trust", "acme")).contains(own);
        assertThat(store.tenant("other", "acme").orElseThrow().revision()).isEqualTo(BundleStore.DEFAULT_REVISION);
        store.removeTenant("trust", "acme");
        assertThat(store.tenant("trust", "acme").orElseThrow().revision()).isEqualTo(BundleStore.DEFAULT_REVISION);
        assertThat(changes).extracting(BundleStore.Change::kind)
                .containsExactly(BundleStore.Change.Kind.TENANT, BundleStore.Change.Kind.TENANT_REMOVED);
    }

    @Test
    void listenersHearRealChangesOnly() {
        SignedBundle macros = store.putMacros(OpaBundleServiceTest.macros("1"));
        store.putMacros(OpaBundleServiceTest.macros("1"));
        store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(1, 10));
        store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(1, 10));
        store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(2, 10));
        store.removeTenant("trust", "nobody");
        assertThat(changes).extracting(BundleStore.Change::kind).containsExactly(BundleStore.Change.Kind.MACROS,
                BundleStore.Change.Kind.TENANT, BundleStore.Change.Kind.TENANT);
        assertThat(changes.get(0).bundle()).isEqualTo(macros);
        assertThat(changes.get(2).bundle().revision()).isEqualTo("acme-policy@2");
        assertThat(store.macros()).contains(macros);
    }

    @Test
    void aFailingListenerDoesNotStopTheChange() {
        store.addListener(change -> {
            throw new IllegalStateException("boom");
        });
        store.putMacros(OpaBundleServiceTest.macros("1"));
        assertThat(store.macros()).isPresent();
        assertThat(changes).hasSize(1);
    }

    @Test
    void refusesBundlesOfTheWrongShape() {
        assertThatThrownBy(() -> store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(1, 10).revision()
                .isEmpty() ? null : BundleContent.tenant("globex", "1", JSON.createObjectNode())))
                .hasMessageContaining("trustfabric/tenants/acme");
        assertThatThrownBy(() -> store.putTenant("trust", "acme", new BundleContent("1",
                List.of("trustfabric/tenants/acme"), Map.of("trustfabric/tenants/acme/x.rego", "package x"), null,
                null))).hasMessageContaining("data.json only");
        assertThatThrownBy(() -> store.putMacros(BundleContent.tenant("acme", "1", JSON.createObjectNode())))
                .hasMessageContaining("macros bundle");
        assertThat(store.macros()).isEmpty();
    }
}
