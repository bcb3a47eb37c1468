package io.trustfabric.operator.control;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.allowlist;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeyPartner;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeySecret;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import io.trustfabric.operator.allowlist.ApiKeyHash;
import io.trustfabric.operator.allowlist.PartnersDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The partner allowlist from PartnerAllowlist to worker: rendered ConfigMap, control API, and no raw key anywhere. */
@RealKubernetes
class PartnersControlApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GLOBEX_KEY = "gx-live-0c5f1e2d9a8b7c6d";
    private static final String INITECH_KEY = "in-live-77aa55cc33ee11ff";

    private RealCluster cluster;
    private ListAppender<ILoggingEvent> logs;
    private Level trustfabricLevel;

    @BeforeEach
    void start(TestCluster real) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger trustfabric = (Logger) LoggerFactory.getLogger("io.trustfabric");
        trustfabricLevel = trustfabric.getLevel();
        trustfabric.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        cluster = RealCluster.start(real);
    }

    @AfterEach
    void stop() {
        cluster.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.trustfabric")).setLevel(trustfabricLevel);
    }

    @Test
    void renderedHashesVerifyAgainstTheRawKeyAndNoRawKeyAppearsAnywhere() throws Exception {
        setUpAcme();
        JsonNode document = JSON.readTree(await().until(() -> partnersJson("acme"), j -> j != null && j.contains("initech")));

        assertThat(document.get("tenant").asText()).isEqualTo(cluster.namespace() + "/acme");
        JsonNode globex = partner(document, "globex");
        byte[] salt = Base64.getDecoder().decode(globex.at("/apiKey/salt").asText());
        byte[] sha256 = Base64.getDecoder().decode(globex.at("/apiKey/sha256").asText());
        assertThat(new ApiKeyHash(salt, sha256).matches(GLOBEX_KEY)).isTrue();
        assertThat(new ApiKeyHash(salt, sha256).matches(INITECH_KEY)).isFalse();
        assertThat(globex.get("modes")).hasSize(1);
        assertThat(globex.at("/rate/requestsPerSecond").asInt()).isEqualTo(20);
        assertThat(partner(document, "initech").get("expires").asText()).isEqualTo("2025-01-01T00:00:00Z");

        await().until(() -> cluster.client().v1().events().inNamespace(cluster.namespace()).list().getItems(),
                e -> !e.isEmpty());
        List<String> everywhere = new ArrayList<>();
        cluster.client().configMaps().inNamespace(cluster.namespace()).list().getItems()
                .forEach(c -> everywhere.add(jsonOf(c)));
        cluster.client().v1().events().inNamespace(cluster.namespace()).list().getItems()
                .forEach(e -> everywhere.add(jsonOf(e)));
        cluster.client().resources(PartnerAllowlist.class).inNamespace(cluster.namespace()).list().getItems()
                .forEach(a -> everywhere.add(jsonOf(a)));
        cluster.client().resources(Tenant.class).inNamespace(cluster.namespace()).list().getItems()
                .forEach(t -> everywhere.add(jsonOf(t)));
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).list().getItems()
                .forEach(d -> everywhere.add(jsonOf(d)));
        everywhere.add(get("acme", token("acme"), null).body());
        logs.list.forEach(e -> everywhere.add(e.getFormattedMessage()));

        assertThat(logs.list).as("log output was captured").isNotEmpty();
        for (String key : List.of(GLOBEX_KEY, INITECH_KEY)) {
            String base64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
            assertThat(everywhere).noneMatch(text -> text.contains(key) || text.contains(base64));
        }
    }

    @Test
    void theControlApiAuthenticatesWorkersAndServesTheAllowlistWithEtag() throws Exception {
        setUpAcme();
        cluster.create(tenant("umbrella", inlineDataset("u\n"), QueryMode.PSI_CA));
        String acmeToken = token("acme");
        String umbrellaToken = token("umbrella");
        await().until(() -> partnersJson("acme"), j -> j != null && j.contains("globex"));

        assertThat(get("acme", null, null).statusCode()).isEqualTo(401);
        assertThat(get("acme", "not-a-token", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrongTenant = get("acme", umbrellaToken, null);
        assertThat(wrongTenant.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(wrongTenant.body()).get("type").asText())
                .isEqualTo("https://trustfabric.io/problems/control/forbidden");

        HttpResponse<String> ok = await().until(() -> get("acme", acmeToken, null), r -> r.statusCode() == 200);
        assertThat(ok.body()).isEqualTo(partnersJson("acme"));
        String etag = ok.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + JSON.readTree(ok.body()).get("revision").asText() + "\"");

        HttpResponse<String> unchanged = get("acme", acmeToken, etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        HttpResponse<String> umbrella = await().until(() -> get("umbrella", umbrellaToken, null),
                r -> r.statusCode() == 200);
        assertThat(JSON.readTree(umbrella.body()).get("partners")).isEmpty();
        assertThat(get("ghost", acmeToken, null).statusCode()).isEqualTo(403);
    }

    @Test
    void theDocumentChangesWhenAnAllowlistChangesAndAWorkerSeesItOnItsNextPoll() throws Exception {
        setUpAcme();
        String acmeToken = token("acme");
        HttpResponse<String> before = await().until(() -> get("acme", acmeToken, null),
                r -> r.statusCode() == 200 && r.body().contains("globex"));
        String etag = before.headers().firstValue("ETag").orElseThrow();

        cluster.updateSpec(PartnerAllowlist.class, "acme-partners",
                list -> list.getSpec().getPartners().removeIf(p -> p.getId().equals("globex")));

        HttpResponse<String> after = await().until(() -> get("acme", acmeToken, etag), r -> r.statusCode() == 200);
        assertThat(after.body()).doesNotContain("globex").contains("initech");
        assertThat(after.headers().firstValue("ETag")).isNotEqualTo(etag);

        cluster.client().secrets().inNamespace(cluster.namespace()).resource(apiKeySecret("initech", "rotated-key"))
                .update();
        String rotated = await().until(() -> partnersJson("acme"), j -> !j.equals(after.body()));
        JsonNode initech = partner(JSON.readTree(rotated), "initech");
        assertThat(new ApiKeyHash(Base64.getDecoder().decode(initech.at("/apiKey/salt").asText()),
                Base64.getDecoder().decode(initech.at("/apiKey/sha256").asText())).matches("rotated-key")).isTrue();
    }

    @Test
    void workerPodsMountTheTokenAndTheAllowlistAsADirectory() {
        setUpAcme();
        var pod = await().until(() -> cluster.deployment("acme-psi"), d -> d != null).getSpec().getTemplate().getSpec();
        var partners = pod.getVolumes().stream().filter(v -> v.getName().equals("partners")).findFirst().orElseThrow();
        assertThat(partners.getConfigMap().getName()).isEqualTo("acme-psi-partners");
        assertThat(partners.getConfigMap().getItems()).isNullOrEmpty();
        var token = pod.getVolumes().stream().filter(v -> v.getName().equals("control-token")).findFirst().orElseThrow();
        assertThat(token.getSecret().getSecretName()).isEqualTo("acme-psi-worker-token");
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("partners");
            assertThat(m.getSubPath()).isNull();
            assertThat(m.getMountPath()).isEqualTo("/var/run/trustfabric/partners");
        });
        Secret tokenSecret = cluster.secret("acme-psi-worker-token");
        assertThat(Base64.getUrlDecoder().decode(token("acme"))).hasSize(32);
        assertThat(tokenSecret.getImmutable()).isTrue();
        assertThat(cluster.configMap("acme-psi-config").getData().get("worker.json"))
                .contains("\"tokenPath\" : \"/var/run/trustfabric/control/token\"")
                .contains("\"path\" : \"/var/run/trustfabric/partners/partners.json\"");
    }

    private void setUpAcme() {
        Tenant acme = tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA);
        acme.getSpec().setLimitedGA(true);
        cluster.create(acme);
        cluster.client().secrets().inNamespace(cluster.namespace()).resource(apiKeySecret("globex", GLOBEX_KEY)).create();
        cluster.client().secrets().inNamespace(cluster.namespace()).resource(apiKeySecret("initech", INITECH_KEY)).create();
        cluster.client().resources(PartnerAllowlist.class).inNamespace(cluster.namespace()).resource(allowlist(
                "acme-partners", "acme",
                apiKeyPartner("globex", "2099-12-31T23:59:59Z", QueryMode.PSI_CA, QueryMode.PSI),
                apiKeyPartner("initech", "2025-01-01T00:00:00Z", QueryMode.PSI_CA))).create();
    }

    private String token(String tenant) {
        Secret secret = await().until(() -> cluster.secret(tenant + "-psi-worker-token"), s -> s != null);
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
    }

    private String partnersJson(String tenant) {
        var map = cluster.configMap(tenant + "-psi-partners");
        return map == null ? null : map.getData().get(PartnersDocument.KEY);
    }

    private static JsonNode partner(JsonNode document, String id) {
        for (JsonNode p : document.get("partners")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no partner " + id + " in " + document);
    }

    private HttpResponse<String> get(String tenant, String token, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + cluster.operator().controlPort() + "/control/v1/namespaces/" + cluster.namespace() + "/tenants/" + tenant + "/partners")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonOf(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
