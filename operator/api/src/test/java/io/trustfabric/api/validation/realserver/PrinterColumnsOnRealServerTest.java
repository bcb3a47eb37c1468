package io.trustfabric.api.validation.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trustfabric.api.crds.CrdDocuments;
import io.trustfabric.api.validation.GeneratedCrds;
import io.trustfabric.api.validation.cases.ValidObject;
import io.trustfabric.api.validation.cases.ValidationCases;
import io.trustfabric.testsupport.CommandResult;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kubectl get shows each kind's printer columns: NAME, then the CRD's additionalPrinterColumns in order (those of
 * priority 0 by default, all with -o wide), with the values of the documented example and the status the operator
 * writes.
 */
@RealKubernetes
class PrinterColumnsOnRealServerTest {

    /** Per kind, the first valid object with a status: a documented example with the status the operator writes. */
    static Stream<ValidObject> objectsWithStatus() {
        return GeneratedCrds.byKind().keySet().stream().map(kind -> ValidationCases.valid().stream()
                .filter(valid -> valid.kind().equals(kind) && valid.object().has("status")).findFirst()
                .orElseThrow(() -> new IllegalStateException("ValidationCases has no " + kind + " with a status")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectsWithStatus")
    void kubectlGetShowsThePrinterColumns(ValidObject shown, TestCluster cluster) {
        ClusterObjects objects = new ClusterObjects(cluster, cluster.createNamespace("columns"));
        ObjectNode object = shown.object();
        GenericKubernetesResource created = objects.create(object);
        try {
            object.with("metadata").put("resourceVersion", created.getMetadata().getResourceVersion());
            objects.updateStatus(object);
            List<JsonNode> columns = new ArrayList<>();
            installedCrd(shown.kind()).at("/spec/versions/0/additionalPrinterColumns").forEach(columns::add);

            assertTable(kubectlGet(cluster, objects, object), object,
                    columns.stream().filter(c -> c.path("priority").asInt(0) == 0).toList());
            assertTable(kubectlGet(cluster, objects, object, "-o", "wide"), object, columns);
        } finally {
            objects.deleteIfPresent(object);
        }
    }

    /** The CRD as installed (crds/), whose column order CrdSync sets; the generator's output orders them by path. */
    private static JsonNode installedCrd(String kind) {
        return CrdDocuments.byCrdName(CrdDocuments.readDirectory(Path.of("..", "..", "crds")))
                .get(ClusterObjects.resourceName(kind));
    }

    private static String kubectlGet(TestCluster cluster, ClusterObjects objects, ObjectNode object, String... options) {
        List<String> args = new ArrayList<>(List.of("get", ClusterObjects.resourceName(object.path("kind").asText()),
                object.at("/metadata/name").asText()));
        if (ClusterObjects.namespaced(object.path("kind").asText())) {
            args.addAll(List.of("-n", objects.namespace()));
        }
        args.addAll(List.of(options));
        CommandResult result = cluster.kubectl(args.toArray(String[]::new));
        assertThat(result.exitCode()).as("kubectl %s: %s", args, result.output()).isZero();
        return result.output();
    }

    private static void assertTable(String output, ObjectNode object, List<JsonNode> columns) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(output).hasSize(2);
        List<String> names = new ArrayList<>(List.of("NAME"));
        columns.forEach(c -> names.add(c.path("name").asText().toUpperCase(Locale.ROOT)));
        KubectlTable table = KubectlTable.parse(lines.get(0), lines.get(1));
        assertThat(table.headers()).as(output).containsExactlyElementsOf(names);
        assertThat(table.cell("NAME")).isEqualTo(object.at("/metadata/name").asText());
        for (JsonNode column : columns) {
            if ("date".equals(column.path("type").asText())) {
                continue; // Age and the like depend on the clock
            }
            String name = column.path("name").asText().toUpperCase(Locale.ROOT);
            assertThat(table.cell(name)).as("column %s (%s) in%n%s", name, column.path("jsonPath").asText(), output)
                    .isEqualTo(PrinterColumnValue.of(object, column.path("jsonPath").asText()));
        }
    }
}
