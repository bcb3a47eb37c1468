package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.trustfabric.helm.ArgoCdHealthChecks.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.LuaError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Argo CD health checks of helm/trust-fabric/files/argocd, run with LuaJ against the fixtures in
 * src/test/resources/argocd-health/&lt;Kind&gt;/&lt;state&gt;.yaml: each holds an object as the API server would serve it
 * and the health Argo CD must show for it ({@code healthStatus}, as in Argo CD's own health_test.yaml). The status
 * shapes and messages are those the operator writes (its *Conditions classes and reconcilers); the helm module does
 * not depend on the operator, so the vocabulary check below reads their source files.
 */
class ArgoCdHealthTest {

  /** States every kind has a fixture for; the branch check below demands the kind-specific ones. */
  private static final List<String> REQUIRED_STATES = List.of("no-status", "stale-generation", "paused");

  /** The text a kind's script answers with (Unknown) while no reconciler writes its status. */
  private static final String NOT_RECONCILED = "Not reconciled by this operator version";

  /**
   * Where the condition types, reasons and status values a kind's script may name are defined: the operator's
   * *Conditions class, or for the kinds without a reconciler the API model (phase and verdict enums, and the
   * "Conditions: ..." line of the status class).
   */
  private static final Map<String, List<String>> VOCABULARY_SOURCES = Map.of(
      "Tenant", List.of("operator/controller/src/main/java/io/trustfabric/operator/tenant/TenantConditions.java"),
      "PartnerAllowlist",
      List.of("operator/controller/src/main/java/io/trustfabric/operator/allowlist/AllowlistConditions.java"),
      "PrivacyBudget", List.of("operator/controller/src/main/java/io/trustfabric/operator/budget/BudgetConditions.java"),
      "PolicyMacro", List.of("operator/controller/src/main/java/io/trustfabric/operator/macro/MacroConditions.java"),
      "TrustPolicy",
      List.of("operator/controller/src/main/java/io/trustfabric/operator/policy/TrustPolicyConditions.java"),
      "WhatIfScenario", List.of("operator/api/src/main/java/io/trustfabric/api/v1alpha1/ScenarioPhase.java",
          "operator/api/src/main/java/io/trustfabric/api/v1alpha1/WhatIfScenarioStatus.java"),
      "CanaryLane", List.of("operator/api/src/main/java/io/trustfabric/api/v1alpha1/CanaryVerdict.java",
          "operator/api/src/main/java/io/trustfabric/api/v1alpha1/CanaryLaneStatus.java"));

  record Fixture(String kind, String state, String description, Health expected, Map<String, Object> object) {
    @Override
    public String toString() {
      return kind + "/" + state + ": " + description;
    }
  }

  static Stream<Fixture> fixtures() {
    List<Fixture> fixtures = new ArrayList<>();
    try (Stream<Path> files = Files.walk(fixtureDirectory())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        fixtures.add(fixture(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(fixtures).as("fixtures in %s", fixtureDirectory()).isNotEmpty();
    return fixtures.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void healthCheckGivesTheExpectedStatusAndMessage(Fixture fixture) {
    assertThat(fixture.object().get("kind")).as("kind of the object in %s", fixture).isEqualTo(fixture.kind());
    assertThat(fixture.object().get("apiVersion")).isEqualTo("trustfabric.io/v1alpha1");

    Health health = ArgoCdHealthChecks.run(fixture.kind(), fixture.object());

    assertThat(health).as(fixture.toString()).isEqualTo(fixture.expected());
  }

  @Test
  void everyTrustFabricKindInCrdsHasAHealthCheckAndFixturesForTheCommonStates() {
    Set<String> kinds = crdKinds().keySet();

    assertThat(kinds).as("trustfabric.io kinds in crds/").hasSizeGreaterThanOrEqualTo(7);
    assertThat(ArgoCdHealthChecks.scripts().keySet()).as("files/argocd/<Kind>.lua, one per CRD kind")
        .containsExactlyInAnyOrderElementsOf(kinds);
    Map<String, Set<String>> states = new TreeMap<>();
    fixtures().forEach(f -> states.computeIfAbsent(f.kind(), k -> new TreeSet<>()).add(f.state()));
    assertThat(states.keySet()).as("fixture folders").containsExactlyInAnyOrderElementsOf(kinds);
    states.forEach((kind, present) ->
        assertThat(present).as("fixtures of %s", kind).containsAll(REQUIRED_STATES));
  }

  /** Every line that sets the health or its message runs for at least one fixture: no untested outcome. */
  @Test
  void everyOutcomeOfEveryHealthCheckIsExercisedByAFixture() {
    Map<String, Set<Integer>> executed = new HashMap<>();
    fixtures().forEach(f -> ArgoCdHealthChecks.run(f.kind(), f.object(),
        executed.computeIfAbsent(f.kind(), k -> new TreeSet<>())));

    // the shared start (line 2 on) is one piece of code: a fixture of any kind covers it
    long commonLines = ArgoCdHealthChecks.common().lines().count();
    Set<Integer> executedInCommon = new TreeSet<>();
    executed.values().forEach(lines -> lines.stream().filter(l -> l >= 2 && l <= 1 + commonLines)
        .forEach(executedInCommon::add));
    List<String> untested = new ArrayList<>();
    ArgoCdHealthChecks.scripts().forEach((kind, script) -> {
      List<String> lines = script.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).matches("\\s*hs\\.(status|message)\\s*=.*")
            && !executed.getOrDefault(kind, Set.of()).contains(i + 1) && !executedInCommon.contains(i + 1)) {
          untested.add(kind + ".lua:" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    });
    assertThat(untested).as("outcomes no fixture in argocd-health/ reaches").isEmpty();
  }

  /**
   * Argo CD runs the scripts in gopher-lua (Lua 5.1) with only the base, table and a safe os library; LuaJ (5.2)
   * would accept some things gopher-lua rejects, so those are kept out of the source.
   */
  @Test
  void healthChecksStayWithinLua51AndTheLibrariesArgoCdOpens() {
    Map<String, Pattern> forbidden = new LinkedHashMap<>();
    forbidden.put("goto or labels (Lua 5.2)", Pattern.compile("\\bgoto\\b|::"));
    forbidden.put("integer division or bitwise operators (Lua 5.3)", Pattern.compile("//|&|\\||~(?!=)|<<|>>"));
    forbidden.put("_ENV, rawlen, table.pack/unpack or bit32 (Lua 5.2)",
        Pattern.compile("\\b_ENV\\b|\\brawlen\\b|table\\.(pack|unpack)|\\bbit32\\b"));
    forbidden.put("a library Argo CD does not open (string, math, io, debug, utf8, coroutine) or require",
        Pattern.compile("\\b(string|math|io|debug|utf8|coroutine)\\.|\\brequire\\b|\\bload(string)?\\s*\\("));
    forbidden.put("a method call (strings have no methods without the string library)",
        Pattern.compile("[\\w)\\]]\\s*:\\s*[A-Za-z_]\\w*\\s*\\("));

    ArgoCdHealthChecks.scripts().forEach((kind, script) -> {
      assertThat(script).as("%s.lua names its kind in its first line", kind)
          .startsWith("-- Argo CD health check for trustfabric.io/" + kind + ",");
      String code = withoutCommentsAndStrings(script);
      forbidden.forEach((what, pattern) ->
          assertThat(pattern.matcher(code).find()).as("%s.lua uses %s", kind, what).isFalse());
      assertThat(script.lines()).as("%s.lua: no tabs or trailing blanks (the ConfigMap renders it as a YAML block)",
          kind).allSatisfy(line -> assertThat(line).doesNotContain("\t").doesNotEndWith(" "));
    });
  }

  /** The harness itself: what Argo CD does not open is not there, what it does open works. */
  @ParameterizedTest(name = "{0} fails as in Argo CD")
  @ValueSource(strings = {"string.lower(\"A\")", "(\"a\"):upper()", "math.floor(1.5)", "io.write(\"x\")",
      "debug.traceback()", "require(\"debug\")"})
  void theSandboxHasOnlyTheLibrariesArgoCdOpens(String expression) {
    String script = "local hs = {}\nhs.status = \"Healthy\"\nhs.message = tostring(" + expression + ")\nreturn hs\n";

    assertThatThrownBy(() -> ArgoCdHealthChecks.runScript("probe.lua", script, Map.of(), new TreeSet<>()))
        .isInstanceOf(LuaError.class);
  }

  @Test
  void theSandboxPassesTheObjectAsArgoCdDoes() {
    String script = """
        local hs = {}
        local names = {}
        for _, c in ipairs(obj.status.conditions) do
          table.insert(names, c.type)
        end
        hs.status = "Healthy"
        hs.message = table.concat(names, ",") .. " " .. obj.metadata.generation .. " " .. type(obj.spec.on)
        return hs
        """;
    Map<String, Object> object = Map.of("metadata", Map.of("generation", 3), "spec", Map.of("on", true),
        "status", Map.of("conditions", List.of(Map.of("type", "Ready"), Map.of("type", "Paused"))));

    assertThat(ArgoCdHealthChecks.runScript("probe.lua", script, object, new TreeSet<>()))
        .isEqualTo(new Health("Healthy", "Ready,Paused 3 boolean"));
  }

  /**
   * The condition types, reasons, phases and verdicts the scripts compare against exist in the operator's code
   * (read from its source: the helm module has no dependency on the operator): a renamed reason cannot leave a
   * health check that silently never matches.
   */
  @Test
  void healthChecksNameOnlyConditionsReasonsAndValuesTheOperatorDefines() {
    Set<String> notVocabulary = new TreeSet<>(ArgoCdHealthChecks.HEALTH_CODES);
    notVocabulary.addAll(List.of("True", "False", "TRUE"));

    assertThat(VOCABULARY_SOURCES.keySet()).as("kinds with a vocabulary source")
        .containsExactlyInAnyOrderElementsOf(ArgoCdHealthChecks.scripts().keySet());
    ArgoCdHealthChecks.scripts().forEach((kind, script) -> {
      Set<String> vocabulary = vocabulary(VOCABULARY_SOURCES.get(kind));
      Set<String> named = new TreeSet<>();
      Matcher literal = Pattern.compile("\"([A-Z][A-Za-z0-9]*)\"").matcher(withoutComments(script));
      while (literal.find()) {
        named.add(literal.group(1));
      }
      named.removeAll(notVocabulary);
      assertThat(named).as("%s.lua names condition types/reasons/values that exist in %s", kind,
          VOCABULARY_SOURCES.get(kind)).isNotEmpty().isSubsetOf(vocabulary);
    });
  }

  /**
   * A kind no reconciler handles yet (ChartCrdsTest.NOT_RECONCILED_YET) never gets a status, so "waiting for the
   * operator" would be Progressing forever: its check says Unknown, not reconciled. The release that adds a
   * reconciler removes the kind from that list, and this test then asks for a real answer.
   */
  @Test
  void kindsWithoutAReconcilerSayNotReconciledInsteadOfWaitingForever() {
    Map<String, String> kinds = crdKinds();
    Map<String, Fixture> noStatus = fixtures().filter(f -> f.state().equals("no-status"))
        .collect(Collectors.toMap(Fixture::kind, f -> f));

    ArgoCdHealthChecks.scripts().forEach((kind, script) -> {
      boolean reconciled = !ChartCrdsTest.NOT_RECONCILED_YET.contains(kinds.get(kind));
      assertThat(script.contains(NOT_RECONCILED)).as("%s.lua says '%s'", kind, NOT_RECONCILED).isEqualTo(!reconciled);
      assertThat(noStatus.get(kind).expected().status()).as("health of a %s without status", kind)
          .isEqualTo(reconciled ? "Progressing" : "Unknown");
      if (!reconciled) {
        assertThat(noStatus.get(kind).expected().message()).startsWith(NOT_RECONCILED);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------------------------

  static Path fixtureDirectory() {
    return TrustFabricChart.directory().getParent().resolve("src").resolve("test").resolve("resources")
        .resolve("argocd-health");
  }

  static Path repository() {
    return TrustFabricChart.directory().getParent().getParent();
  }

  @SuppressWarnings("unchecked")
  private static Fixture fixture(Path file) {
    Map<String, Object> yaml = TrustFabricChart.readYaml(file);
    Map<String, Object> expected = (Map<String, Object>) yaml.get("healthStatus");
    Map<String, Object> object = (Map<String, Object>) yaml.get("object");
    if (expected == null || object == null || yaml.size() != 2) {
      throw new AssertionError(file + " must hold exactly healthStatus {status, message} and object");
    }
    String description;
    try {
      description = Files.readAllLines(file).get(0).replaceFirst("^#\\s*", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String state = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    return new Fixture(file.getParent().getFileName().toString(), state, description,
        new Health(String.valueOf(expected.get("status")), String.valueOf(expected.get("message"))), object);
  }

  /** Kind to plural of every trustfabric.io CRD in the repository's crds/ folder. */
  static Map<String, String> crdKinds() {
    Map<String, String> kinds = new TreeMap<>();
    try (Stream<Path> files = Files.list(repository().resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList()) {
        for (HasMetadata object : RenderedChart.parse(Files.readString(file)).objects()) {
          if (object instanceof CustomResourceDefinition crd && "trustfabric.io".equals(crd.getSpec().getGroup())) {
            kinds.put(crd.getSpec().getNames().getKind(), crd.getSpec().getNames().getPlural());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return kinds;
  }

  /**
   * The words a Java source defines: String constants ({@code = "Ready";}), enum constants, and the condition types
   * a status class lists in its Javadoc ({@code Conditions: Completed.}).
   */
  private static Set<String> vocabulary(List<String> sources) {
    Set<String> words = new LinkedHashSet<>();
    for (String source : sources) {
      String java;
      try {
        java = Files.readString(repository().resolve(source));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Matcher constant = Pattern.compile("static final String \\w+ = \"([A-Za-z0-9]+)\";").matcher(java);
      while (constant.find()) {
        words.add(constant.group(1));
      }
      Matcher enumBody = Pattern.compile("enum \\w+ \\{(.*?)}", Pattern.DOTALL).matcher(java);
      if (enumBody.find()) {
        String body = enumBody.group(1).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        for (String constantName : body.split("[,;]")) {
          if (constantName.strip().matches("[A-Za-z]\\w*")) {
            words.add(constantName.strip());
          }
        }
      }
      Matcher documented = Pattern.compile("Conditions: ([A-Z]\\w*(?:, [A-Z]\\w*)*)").matcher(java);
      while (documented.find()) {
        words.addAll(List.of(documented.group(1).split(", ")));
      }
    }
    assertThat(words).as("vocabulary of %s", sources).isNotEmpty();
    return words;
  }

  /** The script without its -- comments (no script has "--" inside a string). */
  private static String withoutComments(String script) {
    return script.lines().map(line -> line.replaceFirst("--.*$", "")).collect(Collectors.joining("\n"));
  }

  /** ... and with every string literal emptied (comments first: they hold apostrophes). */
  private static String withoutCommentsAndStrings(String script) {
    return withoutComments(script).replaceAll("\"(\\\\.|[^\"\\\\\n])*\"|'(\\\\.|[^'\\\\\n])*'", "\"\"");
  }
}
