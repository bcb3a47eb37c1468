package io.trustfabric.operator.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.common.ConditionedStatus;
import io.trustfabric.api.v1alpha1.CanaryLane;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.TrustFabricOperator;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 on the embedded mock API server local mode uses, which stores whatever it is sent: for every enum the
 * model reads (found by reflection), an object with a value no enum constant has; the operator keeps running, the
 * object's reconciler reports it (Ready=False, reason UnknownValue, the field path, a Warning Event), its stored spec
 * keeps the value, and healthy objects of every kind created afterwards are reconciled.
 */
class UnreadableObjectsOnMockTest {

    static final String NAMESPACE = "trust";
    static final String UNKNOWN = "no-such-value";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The kinds with a reconciler, and the condition their status summarises in. */
    static final Map<Class<?>, String> RECONCILED = Map.of(Tenant.class, "Ready", PartnerAllowlist.class, "Ready",
            PrivacyBudget.class, "Ready", TrustPolicy.class, "Ready", PolicyMacro.class, "Ready",
            WhatIfScenario.class, "Ready");

    private static KubernetesMockServer server;
    private static KubernetesClient client;
    /** Reads the objects back as the operator does: a strict client fails on the bad ones. */
    private static KubernetesClient reader;
    private static TrustFabricOperator.Running operator;

    @BeforeAll
    static void start() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        reader = TolerantSerialization.clientLike(client);
        try (Stream<Path> crds = Files.list(Path.of("../../crds"))) {
            for (Path crd : crds.sorted().toList()) {
                try (InputStream in = Files.newInputStream(crd)) {
                    client.load(in).create();
                }
            }
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        operator = TrustFabricOperator.start(client, OperatorSettings.local().withWatchNamespaces(Set.of(NAMESPACE)));
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.stop();
        }
        reader.close();
        client.close();
        server.destroy();
    }

    static List<EnumPlaces.Place> everyPlace() {
        List<EnumPlaces.Place> places = new ArrayList<>();
        for (Class<? extends CustomResource<?, ?>> kind : List.<Class<? extends CustomResource<?, ?>>>of(
                Tenant.class, PartnerAllowlist.class, PrivacyBudget.class, TrustPolicy.class, PolicyMacro.class,
                WhatIfScenario.class, CanaryLane.class)) {
            places.addAll(EnumPlaces.of(kind));
        }
        return places;
    }

    @Test
    void theModelHasEnumsInEveryPlaceTheTestCovers() {
        assertThat(everyPlace()).extracting(p -> p.enumType().getSimpleName()).contains("QueryMode",
                "CalendarPeriod", "ExhaustionAction", "Normalization", "EnforcementAction", "ScenarioTemplate",
                "ScenarioPhase", "CanaryVerdict", "FindingSeverity");
    }

    @Test
    void anUnknownValueOfEveryEnumIsReportedOnItsObjectAndNothingElseStops() {
        List<EnumPlaces.Place> places = everyPlace();
        Map<EnumPlaces.Place, String> names = new HashMap<>();
        for (EnumPlaces.Place place : places) {
            String name = "bad-" + names.size();
            names.put(place, name);
            ObjectNode object = BadObjects.base(place.kind(), name, NAMESPACE);
            BadObjects.set(object, place.path(), UNKNOWN);
            BadObjects.write(client, place.kind(), object);
        }
        for (EnumPlaces.Place place : places) {
            String name = names.get(place);
            if (place.inStatus() || !RECONCILED.containsKey(place.kind())) {
                continue;
            }
            Condition ready = awaitCondition(place.kind(), name, c -> "UnknownValue".equals(c.getReason()));
            assertThat(ready.getStatus()).as(place.toString()).isEqualTo(Condition.FALSE);
            assertThat(ready.getMessage()).as(place.toString()).contains(place.path() + ": unknown value \""
                    + UNKNOWN + "\" (supported: ");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    client.v1().events().inNamespace(namespaceOf(place.kind())).list().getItems())
                    .as("Warning Event for " + place).anyMatch(e -> name.equals(e.getInvolvedObject().getName())
                            && "Warning".equals(e.getType()) && "UnknownValue".equals(e.getReason())));
            JsonNode stored = JSON.valueToTree(BadObjects.read(client, place.kind(), name));
            assertThat(BadObjects.at(stored, place.path()).asText()).as("stored " + place).isEqualTo(UNKNOWN);
        }
        // The operator still runs, and each reconciler still serves its kind: a healthy object gets its status.
        for (Class<?> kind : RECONCILED.keySet()) {
            @SuppressWarnings("unchecked")
            Class<? extends CustomResource<?, ?>> k = (Class<? extends CustomResource<?, ?>>) kind;
            BadObjects.write(client, k, BadObjects.base(k, "healthy", NAMESPACE));
            Condition ready = awaitCondition(k, "healthy", c -> true);
            assertThat(ready.getReason()).as(kind.getSimpleName()).isNotIn("UnknownValue", "UnknownField",
                    "InvalidValue");
        }
    }

    @Test
    void aMisspeltFieldIsReportedWithTheFieldItResembles() {
        ObjectNode tenant = BadObjects.base(Tenant.class, "misspelt", NAMESPACE);
        ((ObjectNode) tenant.path("spec")).putObject("workers").put("replcas", 2);
        BadObjects.write(client, Tenant.class, tenant);

        Condition ready = awaitCondition(Tenant.class, "misspelt", c -> "UnknownField".equals(c.getReason()));
        assertThat(ready.getMessage()).contains("spec.workers.replcas: unknown field \"replcas\"; did you mean"
                + " replicas?");
        JsonNode stored = JSON.valueToTree(BadObjects.read(client, Tenant.class, "misspelt"));
        assertThat(stored.at("/spec/workers/replcas").asInt()).isEqualTo(2);
    }

    static String namespaceOf(Class<?> kind) {
        return kind == PolicyMacro.class ? "default" : NAMESPACE;
    }

    static Condition awaitCondition(Class<? extends CustomResource<?, ?>> kind, String name,
                                    java.util.function.Predicate<Condition> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> readyOf(kind, name), c -> c != null && wanted.test(c));
    }

    private static Condition readyOf(Class<? extends CustomResource<?, ?>> kind, String name) {
        HasMetadata object = kind == PolicyMacro.class ? reader.resources(kind).withName(name).get()
                : reader.resources(kind).inNamespace(NAMESPACE).withName(name).get();
        if (!(object instanceof CustomResource<?, ?> resource)
                || !(resource.getStatus() instanceof ConditionedStatus status)) {
            return null;
        }
        String type = RECONCILED.get(kind);
        return status.condition(type).or(() -> status.getConditions().stream().findFirst()).orElse(null);
    }

    /** Raw trustfabric.io objects as JSON, written and read with the generic client so nothing is dropped. */
    static final class BadObjects {

        private BadObjects() {
        }

        static ObjectNode base(Class<? extends CustomResource<?, ?>> kind, String name, String namespace) {
            ObjectNode object = JSON.createObjectNode();
            object.put("apiVersion", HasMetadata.getApiVersion(kind));
            object.put("kind", HasMetadata.getKind(kind));
            ObjectNode metadata = object.putObject("metadata");
            metadata.put("name", name);
            if (kind != PolicyMacro.class) {
                metadata.put("namespace", namespace);
            }
            object.set("spec", healthySpec(kind));
            return object;
        }

        private static JsonNode healthySpec(Class<?> kind) {
            String spec;
            if (kind == Tenant.class) {
                spec = "{\"modes\":[\"psi-ca\"],\"dataset\":{\"inline\":\"a@example.com\\nb@example.com\"}}";
            } else if (kind == PartnerAllowlist.class) {
                spec = "{\"tenantRef\":\"acme\",\"partners\":[{\"id\":\"globex\",\"modes\":[\"psi-ca\"],"
                        + "\"credentials\":{\"apiKeySecretRef\":{\"name\":\"globex-key\",\"key\":\"apiKey\"}}}]}";
            } else if (kind == PrivacyBudget.class) {
                spec = "{\"tenantRef\":\"acme\",\"period\":{\"calendar\":\"Monthly\"},\"epsilonPerPeriod\":\"10\","
                        + "\"cost\":{\"psi-ca\":\"0.1\",\"psi\":\"1\"}}";
            } else if (kind == TrustPolicy.class) {
                spec = "{\"tenantRef\":\"acme\",\"rules\":[{\"name\":\"residency\",\"macro\":\"residency@v1\","
                        + "\"with\":{\"regions\":[\"us-east-1\"]}}]}";
            } else if (kind == PolicyMacro.class) {
                spec = "{\"macro\":\"my-macro\",\"version\":1,\"rego\":\"package x\\n\"}";
            } else if (kind == WhatIfScenario.class) {
                spec = "{\"tenantRef\":\"acme\",\"template\":\"policy-tweak\",\"window\":\"1h\",\"policyTweak\":"
                        + "{\"rules\":[{\"name\":\"residency\",\"macro\":\"residency@v1\"}]}}";
            } else {
                spec = "{}";
            }
            try {
                return JSON.readTree(spec);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Sets the value at a path like spec.partners[0].modes[0], making the objects and lists on the way. */
        static void set(ObjectNode root, String path, String value) {
            JsonNode node = root;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length; i++) {
                boolean last = i == parts.length - 1;
                String part = parts[i];
                boolean element = part.endsWith("[0]");
                String field = element ? part.substring(0, part.length() - 3) : part;
                ObjectNode holder = (ObjectNode) node;
                if (element) {
                    JsonNode list = holder.get(field);
                    ArrayNode array = list instanceof ArrayNode a ? a : holder.putArray(field);
                    if (last) {
                        if (array.isEmpty()) {
                            array.add(value);
                        } else {
                            array.set(0, JSON.getNodeFactory().textNode(value));
                        }
                        return;
                    }
                    if (array.isEmpty() || !array.get(0).isObject()) {
                        array.removeAll();
                        array.addObject();
                    }
                    node = array.get(0);
                } else if (last) {
                    holder.put(field, value);
                } else {
                    JsonNode child = holder.get(field);
                    node = child instanceof ObjectNode o ? o : holder.putObject(field);
                }
            }
        }

        static JsonNode at(JsonNode root, String path) {
            return root.at("/" + path.replace("[0]", ".0").replace('.', '/'));
        }

        static ResourceDefinitionContext context(Class<? extends CustomResource<?, ?>> kind) {
            return new ResourceDefinitionContext.Builder().withGroup(HasMetadata.getGroup(kind))
                    .withVersion(HasMetadata.getVersion(kind)).withKind(HasMetadata.getKind(kind))
                    .withPlural(HasMetadata.getPlural(kind)).withNamespaced(kind != PolicyMacro.class).build();
        }

        static void write(KubernetesClient client, Class<? extends CustomResource<?, ?>> kind, ObjectNode object) {
            GenericKubernetesResource generic = JSON.convertValue(object, GenericKubernetesResource.class);
            var resources = client.genericKubernetesResources(context(kind));
            if (kind == PolicyMacro.class) {
                resources.resource(generic).create();
            } else {
                resources.inNamespace(NAMESPACE).resource(generic).create();
            }
        }

        static GenericKubernetesResource read(KubernetesClient client, Class<? extends CustomResource<?, ?>> kind,
                                              String name) {
            var resources = client.genericKubernetesResources(context(kind));
            return kind == PolicyMacro.class ? resources.withName(name).get()
                    : resources.inNamespace(NAMESPACE).withName(name).get();
        }
    }
}
