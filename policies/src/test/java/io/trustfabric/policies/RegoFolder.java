package io.trustfabric.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A folder of Rego checked by the real {@code opa} the way the build checks the policy catalog: {@code opa check
 * --strict}, {@code opa test -v}, {@code opa test --coverage --format=json}. opa runs in the folder on {@code .}, as a
 * bundle ({@code --bundle}): only {@code data.json} / {@code data.yaml} files are data then, so the JSON Schemas and
 * decision-case files next to a module are not merged into {@code data} (without {@code --bundle} opa loads every
 * .json file as data, and two of them in one folder collide: "merge error: conflicting values"). The folders
 * {@link #NOT_REGO} (the Maven module's own src/ and target/ when the folder is policies/) are left out, by opa
 * ({@code --ignore}) and by {@link #regoFiles()} alike.
 */
final class RegoFolder {

    /** Minimum line coverage, in percent, of every module (non-test .rego file). */
    static final double COVERAGE_THRESHOLD = 90.0;

    /** Folder names opa skips (any depth) and {@link #regoFiles()} skips (top level; deeper ones show as missing). */
    static final List<String> NOT_REGO = List.of("src", "target");

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path opa;
    private final Path root;

    RegoFolder(ControlPlaneBinaries binaries, Path root) {
        this(binaries.opa(), root);
    }

    private RegoFolder(Path opa, Path root) {
        this.opa = opa;
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Every .rego file under the folder (relative, '/'-separated, sorted), without the top-level {@link #NOT_REGO}. */
    List<String> regoFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> !NOT_REGO.contains(p.getName(0).toString()))
                    .map(p -> p.toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".rego"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The .rego files that are modules, not tests (not named *_test.rego). */
    List<String> modules() {
        return regoFiles().stream().filter(f -> !f.endsWith("_test.rego")).toList();
    }

    /** One problem opa reported: file (relative to the folder), line and message. */
    record Problem(String file, int row, String message) {
        @Override
        public String toString() {
            return file + ":" + row + ": " + message;
        }
    }

    /** {@code opa check --strict}: passed when opa exits 0. */
    record StrictCheck(int exitCode, List<Problem> problems, String output) {
        boolean passed() {
            return exitCode == 0 && problems.isEmpty();
        }
    }

    /** opa check --strict --bundle --format=json --ignore ... . */
    StrictCheck check() {
        Run run = opa(List.of("check", "--strict", "--bundle", "--format=json"));
        List<Problem> problems = new ArrayList<>();
        if (run.exitCode != 0) {
            // opa check prints its JSON report of errors on standard error
            JsonNode report = parse(run, run.stderr, "{");
            report.path("errors").forEach(error -> problems.add(problem(error)));
            if (problems.isEmpty()) {
                problems.add(new Problem("?", 0, "opa check exited " + run.exitCode + ": " + run.all()));
            }
        }
        return new StrictCheck(run.exitCode, List.copyOf(problems), run.all());
    }

    /** One test opa ran: where it is, its full name, whether it failed, and what it printed. */
    record TestResult(String file, int row, String name, boolean failed, boolean skipped, String printed) {
        @Override
        public String toString() {
            return file + ":" + row + ": " + name + (failed ? " FAILED" : skipped ? " SKIPPED" : " passed")
                    + (printed.isEmpty() ? "" : " (printed: " + printed.strip() + ")");
        }
    }

    /**
     * {@code opa test}: the tests it ran, parsed from {@code --format=json}, what opa printed besides (errors, "no
     * tests were run"), and the {@code -v} report of a second run, for people. opa runs with {@code --fail-on-empty},
     * so a folder without any test does not pass: {@link #ranNoTests()} is then true.
     */
    record TestRun(int exitCode, List<TestResult> results, String messages, String verboseReport) {

        List<TestResult> failures() {
            return results.stream().filter(TestResult::failed).toList();
        }

        /** opa exited 0 having run at least one test, and none failed. */
        boolean passed() {
            return exitCode == 0 && !results.isEmpty() && failures().isEmpty();
        }

        /** opa loaded everything and found no test: opa 1.22 then says "no tests were run" and exits 1. */
        boolean ranNoTests() {
            return exitCode != 0 && results.isEmpty() && messages.contains("no tests were run");
        }

        /** For assertion messages. */
        String describe() {
            return "opa test exited " + exitCode + "\n" + messages + "\n" + verboseReport;
        }
    }

    /** opa test --bundle --fail-on-empty --format=json ... . and the same with -v instead of --format=json. */
    TestRun test() {
        Run json = opa(List.of("test", "--bundle", "--fail-on-empty", "--format=json"));
        Run verbose = opa(List.of("test", "--bundle", "--fail-on-empty", "-v"));
        List<TestResult> results = new ArrayList<>();
        String messages = json.stderr;
        if (json.stdout.stripLeading().startsWith("[")) {
            for (JsonNode test : parse(json, json.stdout, "[")) {
                String printed = test.hasNonNull("output")
                        ? new String(Base64.getDecoder().decode(test.get("output").asText()), StandardCharsets.UTF_8)
                        : "";
                results.add(new TestResult(test.path("location").path("file").asText("?"),
                        test.path("location").path("row").asInt(),
                        test.path("package").asText() + "." + test.path("name").asText(),
                        test.path("fail").asBoolean() || test.hasNonNull("error"), test.path("skip").asBoolean(),
                        printed));
            }
        } else {
            messages = json.all(); // loading or compiling failed: opa printed errors instead of results
        }
        results.sort(Comparator.comparing(TestResult::file).thenComparingInt(TestResult::row));
        return new TestRun(json.exitCode, List.copyOf(results), messages, verbose.all());
    }

    /** Line coverage per file (relative to the folder), in percent, as {@code opa test --coverage} measured it. */
    record Coverage(Map<String, Double> byFile, String json) {

        /** The modules below the threshold or missing from the report, as "file: 75.0 % (threshold 90.0 %)". */
        List<String> belowThreshold(List<String> modules, double threshold) {
            List<String> below = new ArrayList<>();
            for (String module : modules) {
                Double percent = byFile.get(module);
                if (percent == null) {
                    below.add(module + ": not in opa's coverage report (not loaded, or under an ignored folder)");
                } else if (percent < threshold) {
                    below.add(module + ": " + percent + " % (threshold " + threshold + " %)");
                }
            }
            return below;
        }
    }

    /**
     * opa test --bundle --coverage --format=json ... . The tests must pass (opa prints no report otherwise). A file
     * that opa lists without a "coverage" field has 0 % (opa leaves zero values out).
     */
    Coverage coverage() {
        Run run = opa(List.of("test", "--bundle", "--coverage", "--format=json"));
        if (run.exitCode != 0) {
            throw new AssertionError("opa test --coverage exited " + run.exitCode + " (the tests must pass first):\n"
                    + run.all());
        }
        JsonNode report = parse(run, run.stdout, "{");
        Map<String, Double> byFile = new LinkedHashMap<>();
        report.path("files").fields().forEachRemaining(file -> byFile.put(relative(file.getKey()),
                file.getValue().path("coverage").asDouble(0)));
        return new Coverage(Map.copyOf(byFile), run.stdout);
    }

    /** Copies the folder (without the top-level {@link #NOT_REGO}) into target, for tests that break a copy. */
    RegoFolder copyTo(Path target) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path source : paths.toList()) {
                Path rel = root.relativize(source);
                if (!rel.toString().isEmpty() && NOT_REGO.contains(rel.getName(0).toString())) {
                    continue;
                }
                Path copy = target.resolve(rel.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RegoFolder(opa, target);
    }

    private String relative(String opaPath) {
        Path path = Path.of(opaPath);
        Path rel = path.isAbsolute() ? root.relativize(path.normalize()) : path.normalize();
        return rel.toString().replace('\\', '/');
    }

    private static Problem problem(JsonNode error) {
        JsonNode location = error.path("location");
        String message = error.path("message").asText();
        String code = error.path("code").asText("");
        return new Problem(location.path("file").asText("?"), location.path("row").asInt(),
                code.isEmpty() ? message : code + ": " + message);
    }

    private static JsonNode parse(Run run, String output, String start) {
        String text = output.strip();
        if (!text.startsWith(start)) {
            throw new AssertionError("opa printed no JSON report (exit " + run.exitCode + "):\n" + run.all());
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("opa printed invalid JSON (" + e.getMessage() + "):\n" + run.all(), e);
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + (stdout.isEmpty() || stdout.endsWith("\n") ? "" : "\n") + stderr;
        }
    }

    /**
     * The Rego files (of {@link #regoFiles()}) that {@code opa fmt} would change, as {@code opa fmt -l} lists them.
     * opa fmt has no --ignore, so it is given the files.
     */
    List<String> unformatted() {
        List<String> files = regoFiles();
        if (files.isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of(opa.toString(), "fmt", "-l"));
        command.addAll(files);
        Run run = exec(command);
        if (run.exitCode != 0) {
            throw new AssertionError("opa fmt -l exited " + run.exitCode + ":\n" + run.all());
        }
        return run.stdout.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** Runs opa with these arguments, then the ignore flags and ".", in the folder; stdout and stderr apart. */
    private Run opa(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(opa.toString());
        command.addAll(arguments);
        NOT_REGO.forEach(name -> command.add("--ignore=" + name));
        command.add(".");
        return exec(command);
    }

    /** Runs this command in the folder; stdout and stderr apart. */
    private Run exec(List<String> command) {
        try {
            Path out = Files.createTempFile("opa-", ".out");
            Path err = Files.createTempFile("opa-", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(root.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out: " + String.join(" ", command));
                }
                return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
