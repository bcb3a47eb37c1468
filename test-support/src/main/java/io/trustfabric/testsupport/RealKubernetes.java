package io.trustfabric.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test against the real control plane: etcd, kube-apiserver (RBAC, admission, server-side apply, CEL validation)
 * and kube-controller-manager (garbage collector, namespace deletion), started once per test JVM with the project's
 * CRDs applied. Test methods and lifecycle methods may take a {@link TestCluster} parameter; namespaces made with
 * {@link TestCluster#createNamespace(String)} are deleted after each test.
 *
 * <p>Skipped with one line when the binaries are not installed (see {@code build-tools/test-binaries.sh}); failed
 * instead when TF_REQUIRE_REAL_BINARIES=true, as in CI.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-kubernetes")
@ExtendWith(RealKubernetesExtension.class)
public @interface RealKubernetes {
}
