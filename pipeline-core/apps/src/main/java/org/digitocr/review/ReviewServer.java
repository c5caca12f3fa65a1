package org.digitocr.review;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.digitocr.image.DigitImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's web server (the JDK's own {@code HttpServer}): pages, the review files of the run, and two form
 * posts that decide fields. Nothing it serves comes from a path a request names (items are addressed by their
 * place in the queue), nothing it writes goes anywhere but the corrections log, and a post from another site's
 * page is refused. A client that sends its request slowly is cut off after {@link #MAX_REQUEST_SECONDS}, so a few
 * stalled connections cannot hold every worker, and a body over {@link #MAX_BODY} bytes is refused (413) unread.
 */
public final class ReviewServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewServer.class);
    private static final String POLICY = "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> STATIC = Map.of("review.js", "text/javascript", "review.css", "text/css");

    /** Longest a request (line, headers and body) may take to arrive before its connection is closed. */
    static final long MAX_REQUEST_SECONDS = 10;
    /** Longest a response may take to be sent. */
    static final long MAX_RESPONSE_SECONDS = 60;
    /** Largest form body taken: a screen of the by-class view posts a few kB. */
    static final int MAX_BODY = 64 * 1024;
    private static final int WORKERS = 8;

    static {
        // the JDK's server reads these once, when it is first used (sun.net.httpserver.ServerConfig); unset, its
        // requests may take forever, and a worker reading a half-sent header waits with them
        limit("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        limit("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    }

    private final ReviewStation station;
    private final HttpServer server;
    private final Map<Integer, BufferedImage> strips = new ConcurrentHashMap<>();

    private ReviewServer(ReviewStation station, HttpServer server) {
        this.station = station;
        this.server = server;
    }

    /** Starts serving {@code station} on {@code host}:{@code port} (0: any free port). */
    public static ReviewServer start(ReviewStation station, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ReviewServer s = new ReviewServer(station, server);
        server.createContext("/", s::handle);
        server.setExecutor(Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "review-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        LOG.info("review station for {} at {}", station.run().dir(), s.url());
        return s;
    }

    /** The address the station answers on, e.g. {@code http://127.0.0.1:8765/}. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!sameHost(ex)) {
                send(ex, 403, "text/plain", "refused: this station answers only its own address");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Map<String, String> query = form(ex.getRequestURI().getRawQuery());
            if (method.equals("POST")) {
                if (!sameOrigin(ex)) {
                    send(ex, 403, "text/plain", "refused: a form from another site");
                    return;
                }
                Optional<byte[]> raw = body(ex);
                if (raw.isEmpty()) {
                    ex.getResponseHeaders().set("Connection", "close");
                    send(ex, 413, "text/plain", "refused: a form of more than " + MAX_BODY + " bytes");
                    return;
                }
                Map<String, String> body = form(new String(raw.get(), StandardCharsets.UTF_8));
                switch (path) {
                    case "/fields/decide" -> decide(ex, body);
                    case "/digits/settle" -> settle(ex, body);
                    default -> send(ex, 404, "text/plain", "not found");
                }
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain", "method not allowed");
                return;
            }
            String[] parts = path.split("/");
            if (path.equals("/")) {
                redirect(ex, "/fields");
            } else if (path.equals("/fields")) {
                fieldPage(ex, query);
            } else if (path.equals("/digits")) {
                html(ex, 200, ReviewPages.digits(station, station.screen(), null));
            } else if (path.equals("/summary")) {
                html(ex, 200, ReviewPages.summary(station));
            } else if (parts.length == 3 && parts[1].equals("crop")) {
                crop(ex, parts[2]);
            } else if (parts.length == 4 && parts[1].equals("digit")) {
                digit(ex, parts[2], parts[3]);
            } else if (parts.length == 3 && parts[1].equals("static") && STATIC.containsKey(parts[2])) {
                resource(ex, parts[2]);
            } else {
                send(ex, 404, "text/plain", "not found");
            }
        } catch (RuntimeException | IOException e) {
            LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            try {
                send(ex, 500, "text/plain", "error: " + e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                // the response had begun; the client sees a cut connection
            }
        }
    }

    /** The request's body, or empty when it is (or says it is) larger than {@link #MAX_BODY}: then none is read. */
    private static Optional<byte[]> body(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        try {
            if (declared != null && Long.parseLong(declared.strip()) > MAX_BODY) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] raw = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        return raw.length > MAX_BODY ? Optional.empty() : Optional.of(raw);
    }

    private static void limit(String property, long seconds) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(seconds));
        }
    }

    private void fieldPage(HttpExchange ex, Map<String, String> query) throws IOException {
        Optional<ReviewItem> item = query.containsKey("i") ? item(query.get("i")) : station.nextUndecided(-1);
        if (item.isEmpty()) {
            if (query.containsKey("i")) {
                send(ex, 404, "text/plain", "no such field");
            } else {
                redirect(ex, "/summary");
            }
            return;
        }
        html(ex, 200, ReviewPages.field(station, item.get(), null));
    }

    private void decide(HttpExchange ex, Map<String, String> body) throws IOException {
        Optional<ReviewItem> item = item(body.get("i"));
        if (item.isEmpty()) {
            send(ex, 400, "text/plain", "no such field");
            return;
        }
        try {
            station.decide(item.get(), body.get("value"), "unreadable".equals(body.get("action")));
        } catch (IllegalArgumentException e) {
            html(ex, refused(e), ReviewPages.field(station, item.get(), e.getMessage()));
            return;
        }
        Optional<ReviewItem> next = station.nextUndecided(item.get().index());
        redirect(ex, next.map(n -> "/fields?i=" + n.index()).orElse("/summary"));
    }

    private void settle(HttpExchange ex, Map<String, String> body) throws IOException {
        List<ReviewItem> screen = new ArrayList<>();
        for (String i : body.getOrDefault("fields", "").split(",")) {
            Optional<ReviewItem> item = item(i);
            if (item.isEmpty() || !item.get().decidableByDigit()) {
                send(ex, 400, "text/plain", "no such field on a screen: " + i);
                return;
            }
            screen.add(item.get());
        }
        Map<Integer, Map<Integer, String>> wrong = new HashMap<>();
        for (Map.Entry<String, String> e : body.entrySet()) {
            String[] k = e.getKey().split("_");
            if (k.length == 3 && k[0].equals("w") && !e.getValue().isBlank()) {
                try {
                    wrong.computeIfAbsent(Integer.parseInt(k[1]), x -> new LinkedHashMap<>())
                            .put(Integer.parseInt(k[2]), e.getValue());
                } catch (NumberFormatException bad) {
                    send(ex, 400, "text/plain", "not a digit's name: " + e.getKey());
                    return;
                }
            }
        }
        try {
            station.settle(screen, wrong);
        } catch (IllegalArgumentException e) {
            html(ex, refused(e), ReviewPages.digits(station, screen, e.getMessage()));
            return;
        }
        redirect(ex, "/digits");
    }

    /** 422 for a value that breaks its field's rules, 400 for a form that is not the station's. */
    private static int refused(IllegalArgumentException e) {
        return e instanceof InvalidValueException ? 422 : 400;
    }

    private void crop(HttpExchange ex, String index) throws IOException {
        Optional<Path> f = item(index).flatMap(i -> station.run().file(i.cropFile()));
        if (f.isEmpty()) {
            send(ex, 404, "text/plain", "no crop");
            return;
        }
        send(ex, 200, "image/jpeg", Files.readAllBytes(f.get()));
    }

    private void digit(HttpExchange ex, String index, String position) throws IOException {
        BufferedImage strip = item(index).map(this::strip).orElse(null);
        int k = parse(position);
        int side = DigitImages.SIDE;
        if (strip == null || k < 0 || (k + 1) * side > strip.getWidth() || strip.getHeight() != side) {
            send(ex, 404, "text/plain", "no such digit");
            return;
        }
        BufferedImage tile = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int ink = strip.getRaster().getSample(k * side + x, y, 0);
                tile.getRaster().setSample(x, y, 0, 255 - ink);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(tile, "png", png);
        send(ex, 200, "image/png", png.toByteArray());
    }

    /** A field's digit images, decoded once: a screen asks for each of its digits. */
    private BufferedImage strip(ReviewItem item) {
        return strips.computeIfAbsent(item.index(), i -> station.run().file(item.digitsFile()).map(f -> {
            try {
                return ImageIO.read(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(f + ": cannot read the digit images", e);
            }
        }).orElse(null));
    }

    private void resource(HttpExchange ex, String name) throws IOException {
        try (InputStream in = ReviewServer.class.getResourceAsStream("/digit-ocr/review/" + name)) {
            if (in == null) {
                send(ex, 404, "text/plain", "not found");
                return;
            }
            send(ex, 200, STATIC.get(name) + "; charset=utf-8", in.readAllBytes());
        }
    }

    private Optional<ReviewItem> item(String index) {
        int i = parse(index);
        List<ReviewItem> q = station.run().queue();
        return i >= 0 && i < q.size() ? Optional.of(q.get(i)) : Optional.empty();
    }

    private static int parse(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The Host header names this server. Bound to the loopback address (the default), only its own names are
     * answered, so a page of another name made to resolve here (DNS rebinding) is refused; bound to another
     * address on purpose, any name of the right port is.
     */
    private boolean sameHost(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        int port = server.getAddress().getPort();
        if (host == null) {
            return false;
        }
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            return host.endsWith(":" + port);
        }
        return host.equals(url().getAuthority()) || host.equals("localhost:" + port);
    }

    /** A post comes from the station's own pages: its Origin, when the browser sends one, is this server. */
    private boolean sameOrigin(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        return origin.equals("http://" + host);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static void redirect(HttpExchange ex, String to) throws IOException {
        ex.getResponseHeaders().set("Location", to);
        ex.sendResponseHeaders(303, -1);
    }

    private static void html(HttpExchange ex, int status, String page) throws IOException {
        send(ex, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        send(ex, status, type + "; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Content-Security-Policy", POLICY);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Referrer-Policy", "same-origin");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
