package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiCredentials;
import io.trustfabric.psi.receipt.ChainHeadCheck;
import io.trustfabric.psi.receipt.ReceiptChainVerifier;
import io.trustfabric.psi.receipt.ReceiptVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/receipts/head}: the partner's lease chains as signed heads, so a truncated file shows. */
class ReceiptHeadEndpointTest {
    static final long COST = 100_000;

    @TempDir
    Path dir;

    private static HttpResponse<String> head(int port, String apiKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/receipts/head"))
                .header(PsiCredentials.API_KEY_HEADER, apiKey).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSignedHeadShowsAFileThatLostItsLastReceipts() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = new FakeLeaseServer(100 * COST, Map.of("psi-ca", COST, "psi", 10 * COST), 10 * COST,
                Duration.ofSeconds(60), 10, Duration.ofSeconds(60));
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("receipts.log"))) {
            PsiClient client = worker.client();
            List<String> file = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                file.add(client.chargedCardinality(BudgetedWorker.PARTNER_ITEMS).receipt());
            }
            HttpResponse<String> answer = head(worker.worker.port(), BudgetedWorker.API_KEY);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            List<String> heads = answer.body().lines().toList();
            assertThat(heads).hasSize(1);

            ReceiptVerifier verifier = new ReceiptVerifier(files.key().generatePublicKey());
            ReceiptChainVerifier chains = new ReceiptChainVerifier(verifier);
            ChainHeadCheck check = new ChainHeadCheck(verifier);
            assertThat(check.compare(chains.verify(file), heads, "head")).singleElement()
                    .satisfies(f -> assertThat(f.problem()).as(f.message()).isFalse());
            List<ChainHeadCheck.Finding> truncated = check.compare(chains.verify(file.subList(0, 2)), heads, "head");
            assertThat(truncated).singleElement().satisfies(f -> {
                assertThat(f.problem()).isTrue();
                assertThat(f.message()).contains("your file ends at #2, the chain is at #4: 2 receipt(s) missing");
            });

            assertThat(head(worker.worker.port(), "not-the-key").statusCode()).isEqualTo(401);
        }
    }
}
