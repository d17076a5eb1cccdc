package com.ngx.bench;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The baseline of {@code bench/api-bench.sh}: Jersey 2.47 on Jetty 9.4, outside OSGi, serving
 * {@code GET /hello} as {@code {"message":"hello"}} (serialised by Jackson).
 *
 * <p>Usage: {@code java -jar com.ngx.bench-VERSION.jar PORT [HOST]}; HOST defaults to 127.0.0.1.
 * Prints {@code READY http://HOST:PORT/} once it listens; stops on SIGTERM / SIGINT.
 */
public final class BareJerseyServer {

    /** The single resource. */
    @Path("hello")
    public static final class HelloResource {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, String> hello() {
            return Map.of("message", "hello");
        }
    }

    private BareJerseyServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BareJerseyServer PORT [HOST]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        URI base = URI.create("http://" + host + ":" + port + "/");

        // the same switches the distribution's ApiServlet sets (no WADL, no bean validation)
        ResourceConfig config = new ResourceConfig()
                .register(HelloResource.class)
                .register(JacksonFeature.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true);
        Server server = JettyHttpContainerFactory.createServer(base, config, false);
        // Jersey's factory binds every interface; listen on the given host only (loopback by default)
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector) {
                ((ServerConnector) connector).setHost(host);
            }
        }
        server.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("bare server: stop failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "bare-jersey-shutdown"));
        System.out.println("READY " + base);
        System.out.flush();
        stopped.await();
    }
}
