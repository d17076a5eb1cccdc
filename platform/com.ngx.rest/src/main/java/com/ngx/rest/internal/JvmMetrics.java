package com.ngx.rest.internal;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.SummaryMetricFamily;
import io.prometheus.client.CounterMetricFamily;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * JVM metrics from the standard {@code java.lang.management} beans, named as the Prometheus
 * Java client names them. (simpleclient_hotspot needs {@code com.sun.management}, which the OSGi
 * framework does not export.)
 */
final class JvmMetrics extends Collector {

  @Override
  public List<MetricFamilySamples> collect() {
    GaugeMetricFamily memory =
        new GaugeMetricFamily("jvm_memory_bytes_used", "Used bytes of a memory area", List.of("area"));
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    memory.addMetric(List.of("heap"), heap.getUsed());
    memory.addMetric(List.of("nonheap"), nonHeap.getUsed());
    GaugeMetricFamily memoryMax =
        new GaugeMetricFamily("jvm_memory_bytes_max", "Max bytes of a memory area", List.of("area"));
    memoryMax.addMetric(List.of("heap"), heap.getMax());
    memoryMax.addMetric(List.of("nonheap"), nonHeap.getMax());

    GaugeMetricFamily pools =
        new GaugeMetricFamily("jvm_memory_pool_bytes_used", "Used bytes of a memory pool", List.of("pool"));
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pools.addMetric(List.of(pool.getName()), pool.getUsage().getUsed());
    }
    GaugeMetricFamily buffers =
        new GaugeMetricFamily("jvm_buffer_pool_used_bytes", "Used bytes of a buffer pool", List.of("pool"));
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      buffers.addMetric(List.of(pool.getName()), pool.getMemoryUsed());
    }

    SummaryMetricFamily gc =
        new SummaryMetricFamily(
            "jvm_gc_collection_seconds", "Time spent in a given JVM garbage collector", List.of("gc"));
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc.addMetric(
          List.of(collector.getName()),
          collector.getCollectionCount(),
          collector.getCollectionTime() / 1000.0);
    }

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    return List.of(
        memory,
        memoryMax,
        pools,
        buffers,
        gc,
        new GaugeMetricFamily("jvm_threads_current", "Live threads", threads.getThreadCount()),
        new GaugeMetricFamily("jvm_threads_daemon", "Live daemon threads", threads.getDaemonThreadCount()),
        new GaugeMetricFamily("jvm_threads_peak", "Peak live threads", threads.getPeakThreadCount()),
        new GaugeMetricFamily("jvm_classes_currently_loaded", "Loaded classes", classes.getLoadedClassCount()),
        new CounterMetricFamily("jvm_classes_unloaded_total", "Unloaded classes", classes.getUnloadedClassCount()),
        new GaugeMetricFamily(
            "process_uptime_seconds", "JVM uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0),
        new GaugeMetricFamily(
            "system_load_average_1m",
            "System load average over a minute",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
        new GaugeMetricFamily(
            "system_cpu_count", "Processors available", Runtime.getRuntime().availableProcessors()));
  }
}
