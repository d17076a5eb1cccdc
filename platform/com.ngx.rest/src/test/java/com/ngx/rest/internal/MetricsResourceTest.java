package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

class MetricsResourceTest {

  @Test
  void scrapeRendersTheRegistryAsPrometheusText() throws Exception {
    CollectorRegistry registry = new CollectorRegistry();
    RequestMetrics.register(registry).labels("GET", "/tenants", "200").observe(0.003);

    String text = new MetricsResource(registry).scrape();

    assertTrue(text.contains("# TYPE ngx_http_server_requests_seconds histogram"), text);
    assertTrue(
        text.contains(
            "ngx_http_server_requests_seconds_count{method=\"GET\",route=\"/tenants\",status=\"200\",} 1.0"),
        text);
    assertTrue(
        text.contains(
            "ngx_http_server_requests_seconds_bucket{method=\"GET\",route=\"/tenants\",status=\"200\",le=\"0.005\",} 1.0"),
        text);
  }
}
