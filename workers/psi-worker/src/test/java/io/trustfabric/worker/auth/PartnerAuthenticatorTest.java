package io.trustfabric.worker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.access.PartnerAllowlist;
import io.trustfabric.worker.control.PartnerDirectory;
import io.trustfabric.worker.http.ProblemException;
import io.trustfabric.worker.http.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartnerAuthenticatorTest {
    private final PartnerDirectory directory = new PartnerDirectory();
    private final PartnerAuthenticator authenticator = new PartnerAuthenticator(directory);

    @Test
    void aReturningKeyFindsItsOwnPartnerAndIsRememberedOnce() {
        directory.install(allowlist("r1", partner("acme", "key-acme"), partner("globex", "key-globex")));

        assertThat(authenticate("key-acme").id()).isEqualTo("acme");
        assertThat(authenticate("key-acme").id()).isEqualTo("acme");
        assertThat(authenticate("key-globex").id()).isEqualTo("globex");
        assertThat(authenticate("key-globex").id()).isEqualTo("globex");
        assertThat(authenticator.verifiedKeyCount()).isEqualTo(2);
    }

    @Test
    void unknownKeysAreRefusedEveryTimeAndNeverRemembered() {
        directory.install(allowlist("r1", partner("acme", "key-acme")));
        authenticate("key-acme");

        for (int i = 0; i < 3; i++) {
            assertRefused("key-acmf");
            assertRefused("key-acmex");
        }
        assertThat(authenticator.verifiedKeyCount()).isEqualTo(1);
    }

    @Test
    void aKeyRemovedByANewAllowlistStopsWorkingAtOnce() {
        directory.install(allowlist("r1", partner("acme", "key-acme"), partner("globex", "key-globex")));
        authenticate("key-acme");
        authenticate("key-globex");

        directory.install(allowlist("r2", partner("globex", "key-globex-rotated")));

        assertRefused("key-acme");
        assertRefused("key-globex");
        assertThat(authenticate("key-globex-rotated").id()).isEqualTo("globex");
    }

    @Test
    void withoutAnAllowlistNobodyIsKnown() {
        assertThatThrownBy(() -> authenticate("key-acme")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.ALLOWLIST_UNAVAILABLE));
    }

    private Partner authenticate(String key) {
        return authenticator.authenticate(PresentedCredentials.fromHeaders(key, null, null));
    }

    private void assertRefused(String key) {
        assertThatThrownBy(() -> authenticate(key)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.UNKNOWN_CREDENTIALS));
    }

    private static PartnerAllowlist allowlist(String revision, Partner... partners) {
        return new PartnerAllowlist(revision, List.of(partners));
    }

    private static Partner partner(String id, String key) {
        ApiKeyHash hash = ApiKeyHash.of(("salt-" + id).getBytes(StandardCharsets.UTF_8), key);
        return new Partner(id, id, "eu", Set.of(PsiMode.PSI_CA), List.of(), null, null, hash, null);
    }
}
