package org.digitocr.restcatalog;

import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * An Iceberg REST catalog on 127.0.0.1 only, for tests: Iceberg's reference server code (the REST adapter and
 * servlet) over a JDBC catalog on SQLite, its tables in a local warehouse folder. Usage:
 * {@code LoopbackRestCatalog WAREHOUSE_DIR}; it picks a free port and prints {@code listening on PORT} when it answers.
 */
public final class LoopbackRestCatalog {
    private LoopbackRestCatalog() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LoopbackRestCatalog WAREHOUSE_DIR");
            System.exit(2);
        }
        JdbcCatalog backend = new JdbcCatalog();
        backend.setConf(new Configuration());
        backend.initialize("rest_backend", Map.of(
                CatalogProperties.WAREHOUSE_LOCATION, args[0],
                CatalogProperties.URI, "jdbc:sqlite:" + args[0] + "/catalog.db",
                "jdbc.schema-version", "V1"));

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addServlet(new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(backend))), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("listening on " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }
}
