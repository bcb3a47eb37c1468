package io.trustfabric.psi.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM without {@code --add-modules jdk.incubator.vector} (a child process on the tests' class path) falls back
 * to the scalar ladder, never loads a class that references the Vector API, and computes the same batch; so does
 * a JVM with the module but without FMA instructions.
 */
class WithoutVectorModuleTest {

    /** The child: prints the group's choice and one batch product in hex. */
    public static void main(String[] args) {
        Curve25519Group group = new Curve25519Group();
        System.out.println("choice: " + group.scalarMultiplication());
        Scalar s = new Scalar(HexFormat.of().parseHex(args[0]));
        byte[][] elements = new byte[5][];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = group.hashToElement(new byte[] {(byte) i}, "module-test".getBytes(StandardCharsets.US_ASCII));
        }
        System.out.println("product: " + HexFormat.of().formatHex(group.multiplyAll(s, elements)[4]));
    }

    private final Curve25519Group group = new Curve25519Group();
    private final Scalar s = group.randomScalar(new SecureRandom(new byte[] {6}));

    private String runChild(String... jvmFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WithoutVectorModuleTest.class.getName(),
                HexFormat.of().formatHex(s.toBytes())));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        byte[] fifth = group.hashToElement(new byte[] {4}, "module-test".getBytes(StandardCharsets.US_ASCII));
        assertThat(output).contains("product: " + HexFormat.of().formatHex(group.multiply(s, fifth)));
        return output;
    }

    @Test
    void fallsBackToTheScalarLadderWithoutLoadingTheVectorApi() throws IOException, InterruptedException {
        String output = runChild("-verbose:class");
        assertThat(output).contains("choice: scalar Montgomery ladder (the JVM runs without --add-modules jdk.incubator.vector)");
        assertThat(output).doesNotContain("jdk.incubator.vector.").doesNotContain("FourLaneField25519")
                .doesNotContain("FourLaneLadder");
    }

    @Test
    void fallsBackWithoutFusedMultiplyAdd() throws IOException, InterruptedException {
        String output = runChild("--add-modules", "jdk.incubator.vector", "-XX:-UseFMA");
        assertThat(output).contains("choice: scalar Montgomery ladder (the JVM does not use FMA instructions");
    }

    @Test
    void aChildWithTheModuleUsesTheSimdLadder() throws IOException, InterruptedException {
        assertThat(runChild("--add-modules", "jdk.incubator.vector"))
                .contains("choice: four-lane SIMD Montgomery ladder (jdk.incubator.vector)");
    }
}
