package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JvmMetricsTest {

  private final List<MetricFamilySamples> families = new JvmMetrics().collect();

  private MetricFamilySamples family(String name) {
    return families.stream()
        .filter(f -> f.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no family " + name));
  }

  @Test
  void collectsHeapAndNonHeapMemory() {
    assertFalse(families.isEmpty());
    MetricFamilySamples memory = family("jvm_memory_bytes_used");
    assertEquals(
        Set.of("heap", "nonheap"),
        Set.copyOf(memory.samples.stream().map(s -> s.labelValues.get(0)).toList()));
    memory.samples.forEach(s -> assertTrue(s.value > 0, s.toString()));
  }

  @Test
  void familyNamesAreUnique() {
    Set<String> seen = new HashSet<>();
    families.forEach(f -> assertTrue(seen.add(f.name), "duplicate " + f.name));
  }

  @Test
  void registersAndRendersAsPrometheusText() throws Exception {
    CollectorRegistry registry = new CollectorRegistry();
    new JvmMetrics().register(registry);
    StringWriter out = new StringWriter();

    TextFormat.write004(out, registry.metricFamilySamples());

    String text = out.toString();
    assertTrue(text.contains("jvm_memory_bytes_used{area=\"heap\",}"), text);
    assertTrue(text.contains("jvm_threads_current "), text);
    assertNotNull(registry.getSampleValue("system_cpu_count"));
    assertEquals(
        Runtime.getRuntime().availableProcessors(), registry.getSampleValue("system_cpu_count"));
  }

  /**
   * The class promises the names of the Prometheus Java client (simpleclient_hotspot), so that
   * dashboards and alerts written for them work unchanged.
   */
  @ParameterizedTest
  @CsvSource({
    // hotspot's GC summary: jvm_gc_collection_seconds_count{gc="..."}
    "jvm_gc_collection_seconds_count",
    // ... and jvm_gc_collection_seconds_sum{gc="..."}
    "jvm_gc_collection_seconds_sum",
  })
  void gcSamplesKeepTheHotspotNames(String sample) {
    CollectorRegistry registry = new CollectorRegistry();
    new JvmMetrics().register(registry);
    GarbageCollectorMXBean gc = ManagementFactory.getGarbageCollectorMXBeans().get(0);

    assertNotNull(
        registry.getSampleValue(sample, new String[] {"gc"}, new String[] {gc.getName()}),
        "no sample " + sample + "{gc=\"" + gc.getName() + "\"}");
  }

  @Test
  void unloadedClassesKeepTheHotspotName() {
    CollectorRegistry registry = new CollectorRegistry();
    new JvmMetrics().register(registry);

    assertNotNull(registry.getSampleValue("jvm_classes_unloaded_total"));
  }
}
