package io.trustfabric.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs one of the real binaries itself (kube-apiserver, etcd, kubectl, promtool ...) rather than the
 * shared cluster of {@link RealKubernetes}. Test methods may take a
 * {@link io.trustfabric.controlplane.ControlPlaneBinaries} parameter. Skipped with one line when the binaries are
 * not installed (see {@code build-tools/test-binaries.sh}); failed instead when TF_REQUIRE_REAL_BINARIES=true.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-binaries")
@ExtendWith(RealBinariesExtension.class)
public @interface RequiresRealBinaries {
}
