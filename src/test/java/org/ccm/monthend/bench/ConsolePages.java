package org.ccm.monthend.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 14's "Speed": requests every page of a running console as a logged-in user with the JDK's HttpClient, each
 * {@code --repeat} times after one warm-up round, and prints per page the median, p95 and slowest answer in ms, slowest
 * page first, with a verdict against the 300 ms goal. The console must run already ({@code jobs/console-bench.sh}
 * starts one on a generated month); the user's password comes from {@code CCM_BENCH_PASSWORD}, never an argument.
 *
 * <pre>ConsolePages --url http://127.0.0.1:8080 --user NAME --month YYYY-MM [--repeat 20]</pre>
 *
 * Ids the pages need (a claim, an execution, an interchange, a later page of claims) are taken from the pages
 * themselves (their links), so the benchmark reads nothing but what a browser would.
 */
public final class ConsolePages {

    static final long GOAL_MS = 300;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final HttpClient http;
    private final String base;

    private ConsolePages(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String url = options.getOrDefault("--url", "http://127.0.0.1:8080");
        String user = options.get("--user");
        String month = options.get("--month");
        int repeat = Integer.parseInt(options.getOrDefault("--repeat", "20"));
        String password = System.getenv("CCM_BENCH_PASSWORD");
        if (user == null || month == null || password == null) {
            System.err.println("usage: ConsolePages --url URL --user NAME --month YYYY-MM [--repeat N], password in CCM_BENCH_PASSWORD");
            System.exit(2);
        }
        ConsolePages bench = new ConsolePages(url);
        bench.logIn(user, password);
        List<String> pages = bench.pages(month);
        System.out.printf(Locale.ROOT, "console pages: %d pages, %d requests each after a warm-up, as %s%n", pages.size(), repeat, user);
        Map<String, long[]> times = new LinkedHashMap<>();
        for (String page : pages) {
            bench.get(page); // warm-up: templates compiled, caches filled
            times.put(page, new long[repeat]);
        }
        for (int round = 0; round < repeat; round++) {
            for (String page : pages) {
                long started = System.nanoTime();
                int status = bench.get(page).statusCode();
                times.get(page)[round] = (System.nanoTime() - started) / 1_000;
                if (status != 200) {
                    throw new IllegalStateException(page + " answered " + status);
                }
            }
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(times.entrySet());
        sorted.forEach(e -> Arrays.sort(e.getValue()));
        sorted.sort((a, b) -> Long.compare(percentile(b.getValue(), 95), percentile(a.getValue(), 95)));
        System.out.printf(Locale.ROOT, "%-60s %10s %10s %10s%n", "page (slowest first)", "median ms", "p95 ms", "max ms");
        for (Map.Entry<String, long[]> e : sorted) {
            long[] t = e.getValue();
            System.out.printf(Locale.ROOT, "%-60s %10.1f %10.1f %10.1f%n", e.getKey(), percentile(t, 50) / 1000.0, percentile(t, 95) / 1000.0,
                    t[t.length - 1] / 1000.0);
        }
        long worst = percentile(sorted.get(0).getValue(), 95) / 1000;
        System.out.printf(Locale.ROOT, "verdict: slowest p95 %d ms on %s: %s the %d ms goal%n", worst, sorted.get(0).getKey(),
                worst < GOAL_MS ? "meets" : "MISSES", GOAL_MS);
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private void logIn(String user, String password) throws Exception {
        String form = get("/login").body();
        String token = csrf(form);
        String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("login refused (" + answer.statusCode() + " " + location + ")");
        }
    }

    /** Every page of console.md, with ids taken from the links of the pages before. */
    private List<String> pages(String month) throws Exception {
        List<String> pages = new ArrayList<>(List.of("/", "/months/" + month, "/months/" + month + "/claims",
                "/months/" + month + "/claims?status=HELD", "/months/" + month + "/exceptions", "/executions", "/submissions",
                "/remittances", "/audit"));
        String claims = get("/months/" + month + "/claims").body();
        link(claims, "/claims/[^\"?#]+").ifPresent(pages::add);
        link(claims, "/months/" + month + "/claims\\?[^\"]*page=\\d+[^\"]*").map(s -> s.replace("&amp;", "&")).ifPresent(pages::add);
        String exceptions = get("/months/" + month + "/exceptions").body();
        link(exceptions, "/months/" + month + "/exceptions\\?[^\"]*page=\\d+[^\"]*").map(s -> s.replace("&amp;", "&")).ifPresent(pages::add);
        link(get("/executions").body(), "/executions/\\d+").ifPresent(pages::add);
        java.util.Optional<String> interchange = link(get("/submissions").body(), "/submissions/\\d+");
        interchange.ifPresent(pages::add);
        // deep in the lists: the interchange's last page of claims, and the month's claims half-way through
        interchange.ifPresent(path -> {
            Matcher of = Pattern.compile("Page 1 of (\\d+)").matcher(body(path));
            if (of.find() && Integer.parseInt(of.group(1)) > 1) {
                pages.add(path + "?page=" + of.group(1));
            }
        });
        Matcher claimsOf = Pattern.compile("([\\d,]+)</span> claims").matcher(body("/months/" + month));
        if (claimsOf.find()) {
            long count = Long.parseLong(claimsOf.group(1).replace(",", ""));
            if (count > 100) {
                pages.add("/months/" + month + "/claims?page=" + (count / 2 / 50));
            }
        }
        List<String> reachable = new ArrayList<>();
        for (String page : pages) {
            int status = get(page).statusCode();
            if (status == 200) {
                reachable.add(page);
            }
            else {
                System.out.printf(Locale.ROOT, "skipped %s: %d%n", page, status);
            }
        }
        return reachable;
    }

    private static java.util.Optional<String> link(String html, String pattern) {
        Matcher m = Pattern.compile("href=\"(" + pattern + ")\"").matcher(html);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private String body(String path) {
        try {
            return get(path).body();
        }
        catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
