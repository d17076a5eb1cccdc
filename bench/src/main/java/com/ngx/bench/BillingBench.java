package com.ngx.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.payment.PaymentResult;
import com.ngx.api.tenant.TenantContext;
import com.ngx.billing.UsageEvent;
import com.ngx.billing.internal.BillingHarness;
import com.ngx.billing.internal.BillingRuns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import javax.sql.DataSource;

/**
 * Billing benchmark: a billing run over TENANTS tenants with usage, and usage ingestion through
 * {@code MeteringService.record}, both on billing's own test harness (every billing service wired
 * for real over EclipseLink and an in-memory H2 database migrated by Flyway), each against the
 * minimum database work of the same job done with plain JDBC on the same database in the same run.
 * Correctness is checked by counts after every run; timings are printed, never asserted.
 */
public final class BillingBench {
  /** The plans tenants are on, by {@code k % 10}: 40% starter, 30% growth, 20% scale, 10% revenue share. */
  private static final String[] PLAN_BY_DIGIT =
      {"starter", "starter", "starter", "starter", "growth", "growth", "growth", "scale", "scale", "revenue-share"};
  private static final String REVENUE_SHARE = "revenue-share";
  /** One tenant in 31 has its card declined once in each month, a different group each month. */
  private static final int FAIL_MODULUS = 31;
  /** The group declined in month 0 (the first month's run), 1 and 2 (the measured runs). */
  private static final int[] FAIL_GROUP = {7, 11, 13};

  private BillingBench() {}

  public static void main(String[] args) {
    int tenants = env("TENANTS", 10_000);
    int threads = env("THREADS", 2);
    int warmupTenants = env("WARMUP_TENANTS", 500);
    int singleEvents = env("SINGLE_EVENTS", 20_000);
    int batchEvents = env("BATCH_EVENTS", 100_000);
    try {
      // the JIT compiles billing's, EclipseLink's and H2's paths during this; its figures are not reported
      long w0 = System.nanoTime();
      progress("warm-up: the whole scenario with %d tenants, then %d + %d usage events", warmupTenants,
          singleEvents / 10, batchEvents / 10);
      Billing warm = billing(warmupTenants, threads, true);
      Ingestion warmIngest = ingestion(Math.max(threads * 100, singleEvents / 10),
          Math.max(threads * 100, batchEvents / 10 / 100 * 100), threads);
      if (!warm.ok || !warmIngest.ok) {
        out("WARM-UP FAILED: %s", warm.ok ? "ingestion checks" : "billing checks");
        warm.report.forEach(BillingBench::out);
        System.exit(1);
      }
      out("database: H2 %s in memory, one new connection per transaction (billing's BillingHarness and BillingDatabase:"
          + " EclipseLink, Flyway); the distribution's embedded default is H2 as well, on file, behind a dbcp2 pool",
          h2Version);
      out("JVM: %s, %d processors, max heap %d MB", System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      out("warm-up (not counted): %d tenants, renewal runs %.1f s (%d threads) and %.1f s (1 thread); %.0f s in all",
          warmupTenants, warm.runs.get(0).seconds(), threads, warm.runs.get(1).seconds(), seconds(w0, System.nanoTime()));
      out("");

      progress("measuring: %d tenants", tenants);
      Billing b = billing(tenants, threads, false);
      b.report.forEach(BillingBench::out);
      out("");
      progress("measuring usage ingestion: %d single events, %d in batches of 100, %d threads", singleEvents,
          batchEvents, threads);
      Ingestion in = ingestion(singleEvents, batchEvents / 100 * 100, threads);
      in.report.forEach(BillingBench::out);
      System.exit(b.ok && in.ok ? 0 : 1);
    } catch (RuntimeException | SQLException e) {
      progress("FAILED: %s", e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  // ------------------------------------------------------------------ 1. the billing run

  /** One measured run: a month's renewal run and its JDBC baseline. */
  private record Measured(String month, int threads, BillingRuns.Run run, long nanos, long baselineNanos, int n) {
    double seconds() {
      return nanos / 1e9;
    }
  }

  private static final class Billing {
    final List<String> report = new ArrayList<>();
    final List<Measured> runs = new ArrayList<>();
    boolean ok = true;
  }

  /**
   * The scenario: {@code n} tenants provisioned on paid plans, paying by card; the first month's
   * run (2026-03-01); usage in March; the April run with {@code threads} workers, measured; usage in
   * April; the May run with one worker, measured. Each measured run is checked and followed by its
   * JDBC baseline with the same number of workers.
   */
  private static Billing billing(int n, int threads, boolean quiet) throws SQLException {
    Billing b = new Billing();
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"), Map.of("trialDays", 0))) {
      h2Version = h.db.texts("select h2version()").get(0);
      UUID[] ids = new UUID[n];
      int[] plans = new int[PLAN_BY_DIGIT.length];
      long t0 = System.nanoTime();
      parallel(threads, n, k -> {
        UUID t = h.tenant(String.format(Locale.ROOT, "t%06d", k));
        ids[k] = t;
        String plan = plan(k);
        if (!"growth".equals(plan)) {
          // during the trial (0 days here: it ends at the first run) a change applies at once
          h.subscriptions.change(t, plan, "now");
        }
        if (overLimit(k)) {
          // an operator's limit of 1 conversation a month: every month of this tenant has overage
          h.subscriptions.override(t, null, null, "{\"conversationsPerMonth\":1}", false);
        }
        h.useCard(t);
        if (declined(k, 0)) {
          h.card.script(t, PaymentResult.Status.FAILED);
        }
      });
      for (int k = 0; k < n; k++) {
        plans[k % 10]++;
      }
      long provisioned = System.nanoTime();
      if (!quiet) {
        progress("provisioned %d tenants in %.1f s; the first month's run", n, seconds(t0, provisioned));
      }
      BillingRuns.Run first = h.runs.run(threads);
      long firstRun = System.nanoTime();
      b.report.add(String.format(Locale.ROOT, "1. Billing run: %d tenants with usage, on billing's harness (target: under 60 s)", n));
      b.report.add("");
      b.report.add(String.format(Locale.ROOT,
          "set-up: %d tenants provisioned in %.1f s (starter %d, growth %d, scale %d, revenue share %d; %d with a"
              + " limit of 1 conversation a month; all pay by card, a different ~%.0f%% of them declined once each month); the first"
              + " month's run (2026-03-01, %d threads): %.1f s, %s",
          n, seconds(t0, provisioned), plans[0] + plans[1] + plans[2] + plans[3], plans[4] + plans[5] + plans[6],
          plans[7] + plans[8], plans[9], count(n, BillingBench::overLimit), 100.0 / FAIL_MODULUS, threads,
          seconds(provisioned, firstRun), first.message()));

      String[] months = {"2026-03", "2026-04"};
      int[] workers = {threads, 1};
      for (int m = 0; m < months.length; m++) {
        YearMonth used = YearMonth.parse(months[m]);
        h.advanceTo(used.atDay(15).atTime(12, 0).toInstant(ZoneOffset.UTC));
        long u0 = System.nanoTime();
        long[] recorded = usage(h, ids, used, threads);
        long u1 = System.nanoTime();
        for (int k = 0; k < n; k++) {
          if (declined(k, m + 1)) {
            h.card.script(ids[k], PaymentResult.Status.FAILED);
          }
        }
        b.report.add(String.format(Locale.ROOT,
            "usage of %s: %d events (%d conversations, %d revenue) in %d MeteringService.record calls, %.1f s",
            used, recorded[0], recorded[1], recorded[0] - recorded[1], n, seconds(u0, u1)));
        YearMonth billed = used.plusMonths(1);
        h.advanceTo(billed.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        if (!quiet) {
          progress("billing run of %s with %d thread(s)", billed.atDay(1), workers[m]);
        }
        long r0 = System.nanoTime();
        BillingRuns.Run run = h.runs.run(workers[m]);
        long r1 = System.nanoTime();
        if (!quiet) {
          progress("  %.1f s: %s", seconds(r0, r1), run.message());
        }
        b.ok &= check(h, b.report, run, ids, billed, used, m + 1);
        long base = jdbcBaseline(h, used.toString(), workers[m]);
        b.runs.add(new Measured(billed.toString(), workers[m], run, r1 - r0, base, n));
      }
    }
    b.report.add("");
    b.report.add(String.format(Locale.ROOT, "%-34s %7s %9s %11s %11s %12s %8s", "renewal run (BillingRuns.run)",
        "threads", "run s", "tenants/s", "ms/tenant", "baseline s", "ratio"));
    for (Measured m : b.runs) {
      b.report.add(String.format(Locale.ROOT, "%-34s %7d %9.2f %11.0f %11.3f %12.2f %8.1f",
          "renewals of " + m.month + "-01", m.threads, m.seconds(), m.n / m.seconds(), m.nanos / 1e6 / m.n,
          m.baselineNanos / 1e9, (double) m.nanos / m.baselineNanos));
    }
    Measured main = b.runs.get(0);
    b.report.add(String.format(Locale.ROOT,
        "baseline: plain JDBC on the same H2 database right after the run, one connection per worker, per tenant"
            + " one transaction: read its subscription row (for update) and its usage totals, insert one"
            + " invoice-like and two line-like rows into scratch tables (median of 3)"));
    b.report.add(String.format(Locale.ROOT, "target: a run for %d tenants with %d threads under 60 s: %.1f s, %s",
        n, main.threads, main.seconds(), main.seconds() < 60 ? "MEETS the target" : "MISSES the target"));
    return b;
  }

  /** The H2 version the harness runs on (H2 is only on the run-time class path). */
  private static volatile String h2Version = "?";

  private static String plan(int k) {
    return PLAN_BY_DIGIT[k % 10];
  }

  private static boolean overLimit(int k) {
    return k % 17 == 3 && !REVENUE_SHARE.equals(plan(k));
  }

  /**
   * Whether the tenant's card declines in month {@code m} (0: the first month's run). Revenue-share
   * tenants pay no price in advance, so the first month's run charges them nothing.
   */
  private static boolean declined(int k, int m) {
    return k % FAIL_MODULUS == FAIL_GROUP[m] && (m > 0 || !REVENUE_SHARE.equals(plan(k)));
  }

  private static int conversations(int k) {
    return 2 + k % 7;
  }

  private static int revenueEvents(int k) {
    return REVENUE_SHARE.equals(plan(k)) ? 1 + k % 3 : 0;
  }

  /** Records the month's usage of every tenant, one record call each: {events, conversations}. */
  private static long[] usage(BillingHarness h, UUID[] ids, YearMonth month, int threads) {
    AtomicLong events = new AtomicLong();
    AtomicLong conversations = new AtomicLong();
    Instant at = month.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
    parallel(threads, ids.length, k -> {
      List<UsageEvent> list = new ArrayList<>();
      for (int j = 0; j < conversations(k); j++) {
        list.add(new UsageEvent("conversation:" + month + ":" + k + ":" + j, UsageEvent.CONVERSATION, 1,
            at.plusSeconds(600L * j)));
      }
      for (int j = 0; j < revenueEvents(k); j++) {
        // $1,000–$5,000 each: some months are below the plan's monthly minimum, most above
        list.add(new UsageEvent("revenue:" + month + ":" + k + ":" + j, UsageEvent.REVENUE_PREFIX + "USD",
            ((k + j) % 5 + 1) * 100_000L, at.plusSeconds(3600L * j)));
      }
      int added = h.metering.record(h.context(ids[k]), list);
      events.addAndGet(added);
      conversations.addAndGet(conversations(k));
    });
    return new long[] {events.get(), conversations.get()};
  }

  /**
   * Checks a renewal run by counting rows: every due tenant has exactly one renewal invoice with the
   * lines its plan and usage call for; declined cards left exactly their invoices open, the
   * previous month's declines were retried and paid; numbers are gapless; a sample of ledgers
   * reconciles.
   */
  private static boolean check(BillingHarness h, List<String> report, BillingRuns.Run run, UUID[] ids, YearMonth billed,
      YearMonth used, int month) {
    int n = ids.length;
    String p = billed.toString();
    List<String> lines = new ArrayList<>();
    boolean ok = true;
    long invoices = h.db.number("select count(*) from bill_invoice where reason = 'renewal' and period = ?", p);
    long distinct = h.db.number("select count(distinct tenant_id) from bill_invoice where reason = 'renewal' and period = ?", p);
    long twice = h.db.number("select count(*) from (select tenant_id from bill_invoice where reason = 'renewal'"
        + " and period = ? group by tenant_id having count(*) > 1) x", p);
    boolean c1 = run.tenants() == n && invoices == n && distinct == n && twice == 0 && run.failures() == 0
        && "succeeded".equals(run.status());
    ok &= c1;
    lines.add(String.format(Locale.ROOT,
        "  due %d of %d tenants; renewal invoices of %s: %d, for %d distinct tenants, %d tenants with more than one;"
            + " run status %s, %d tenant failures: %s", run.tenants(), n, p, invoices, distinct, twice, run.status(),
        run.failures(), c1 ? "ok" : "WRONG"));

    long plan = lineCount(h, p, "plan");
    long overage = lineCount(h, p, "overage");
    long share = lineCount(h, p, "revenue_share");
    int expShare = count(n, k -> REVENUE_SHARE.equals(plan(k)));
    int expOver = count(n, BillingBench::overLimit);
    long overQty = h.db.number("select coalesce(sum(l.quantity), 0) from bill_invoice_line l join bill_invoice i"
        + " on i.id = l.invoice_id where i.reason = 'renewal' and i.period = ? and l.kind = 'overage'", p);
    long expOverQty = 0;
    for (int k = 0; k < n; k++) {
      expOverQty += overLimit(k) ? conversations(k) - 1 : 0;
    }
    boolean c2 = plan == n - expShare && overage == expOver && share == expShare && overQty == expOverQty;
    ok &= c2;
    lines.add(String.format(Locale.ROOT,
        "  lines: plan %d (expected %d), overage %d for %d conversations over the limit (expected %d, %d),"
            + " revenue share %d (expected %d): %s", plan, n - expShare, overage, overQty, expOver, expOverQty, share,
        expShare, c2 ? "ok" : "WRONG"));

    int expFailNow = count(n, k -> declined(k, month));
    int expFailBefore = count(n, k -> declined(k, month - 1));
    long paid = h.db.number("select count(*) from bill_invoice where reason = 'renewal' and period = ? and status = 'paid'", p);
    long open = h.db.number("select count(*) from bill_invoice where reason = 'renewal' and period = ? and status = 'open'", p);
    long openAll = h.db.number("select count(*) from bill_invoice where status = 'open'");
    long pastDue = h.db.number("select count(*) from bill_subscription where status = 'past_due'");
    boolean c3 = paid == n - expFailNow && open == expFailNow && openAll == expFailNow && pastDue == expFailNow
        && run.payments() == n + expFailBefore;
    ok &= c3;
    lines.add(String.format(Locale.ROOT,
        "  payments: %d collection attempts (%d renewals + %d dunning retries of %s's declines, expected %d);"
            + " renewal invoices paid %d, open %d (declined now, expected %d); open invoices in all %d,"
            + " subscriptions past due %d: %s", run.payments(), n, expFailBefore, used, n + expFailBefore, paid, open,
        expFailNow, openAll, pastDue, c3 ? "ok" : "WRONG"));

    long numbered = h.db.number("select count(*) from bill_invoice where kind = 'invoice' and number is not null");
    long distinctNumbers = h.db.number("select count(distinct number) from bill_invoice where kind = 'invoice'");
    List<String> max = h.db.texts("select max(number) from bill_invoice where kind = 'invoice'");
    long highest = max.isEmpty() || max.get(0) == null ? 0 : Long.parseLong(max.get(0).substring(max.get(0).lastIndexOf('-') + 1));
    boolean c4 = numbered == distinctNumbers && highest == numbered;
    ok &= c4;
    lines.add(String.format(Locale.ROOT, "  invoice numbers: %d issued, %d distinct, highest %s: %s", numbered,
        distinctNumbers, max.isEmpty() ? "-" : max.get(0), c4 ? "no gap, no duplicate" : "WRONG"));

    // every (n/100)th tenant, and the first 20 whose card was declined this month or the last
    List<Integer> sample = new ArrayList<>();
    for (int k = 0; k < n; k += Math.max(1, n / 100)) {
      sample.add(k);
    }
    int withDecline = 0;
    for (int k = 0; k < n && withDecline < 20; k++) {
      if (declined(k, month) || declined(k, month - 1)) {
        sample.add(k);
        withDecline++;
      }
    }
    int reconciled = 0;
    for (int k : sample) {
      ObjectNode r = h.invoices.reconciliation(ids[k]);
      long ledger = r.path("ledgerBalanceMinor").asLong();
      long due = r.path("openAmountDueMinor").asLong();
      long credit = r.path("creditBalanceMinor").asLong();
      if (r.path("reconciled").asBoolean() && ledger == due - credit) {
        reconciled++;
      }
    }
    boolean c5 = reconciled == sample.size();
    ok &= c5;
    lines.add(String.format(Locale.ROOT,
        "  Invoices.reconciliation: %d of %d sampled tenants reconciled (%d of them with a declined card): %s",
        reconciled, sample.size(), withDecline, c5 ? "ok" : "WRONG"));

    report.add(String.format(Locale.ROOT, "checks after the run of %s-01 (counts, not timings): %s", p, ok ? "all ok" : "FAILED"));
    report.addAll(lines);
    return ok;
  }

  private static long lineCount(BillingHarness h, String period, String kind) {
    return h.db.number("select count(*) from bill_invoice_line l join bill_invoice i on i.id = l.invoice_id"
        + " where i.reason = 'renewal' and i.period = ? and l.kind = ?", period, kind);
  }

  /**
   * The minimum database work of a run, with plain JDBC on the harness's database: per tenant one
   * transaction that reads its subscription row (locked, as a renewal must) and its usage totals of
   * the closed month, and inserts one invoice-like and two line-like rows into scratch tables.
   */
  private static long jdbcBaseline(BillingHarness h, String usedPeriod, int threads) throws SQLException {
    // it takes well under a second: the median of three, so that one hiccup of the machine does not make the ratio
    long[] nanos = new long[3];
    for (int r = 0; r < nanos.length; r++) {
      nanos[r] = jdbcBaselineOnce(h, usedPeriod, threads);
    }
    java.util.Arrays.sort(nanos);
    return nanos[1];
  }

  private static long jdbcBaselineOnce(BillingHarness h, String usedPeriod, int threads) throws SQLException {
    DataSource ds = dataSource(h);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists bench_invoice (id varchar(36) primary key, tenant_id varchar(36) not null,"
          + " number varchar(40) not null, status varchar(20) not null, currency varchar(3) not null,"
          + " period varchar(7), subtotal_minor bigint not null, tax_minor bigint not null, total_minor bigint not null,"
          + " amount_due_minor bigint not null, issued_at timestamp, created_at timestamp not null)");
      s.execute("create table if not exists bench_invoice_line (id varchar(36) primary key,"
          + " invoice_id varchar(36) not null, position integer not null, kind varchar(30) not null,"
          + " description varchar(500) not null, quantity bigint not null, unit_amount_minor bigint not null,"
          + " amount_minor bigint not null)");
      s.execute("truncate table bench_invoice_line");
      s.execute("truncate table bench_invoice");
    }
    List<String> tenants = h.db.texts("select tenant_id from bill_subscription order by tenant_id");
    AtomicLong numbers = new AtomicLong();
    LocalDateTime now = LocalDateTime.ofInstant(h.now(), ZoneOffset.UTC);
    long t0 = System.nanoTime();
    int chunk = (tenants.size() + threads - 1) / threads;
    parallelChunks(threads, tenants.size(), chunk, (from, to) -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement sub = c.prepareStatement("select plan_id, plan_version, status, period_end,"
                + " price_override_minor from bill_subscription where tenant_id = ? for update");
            PreparedStatement totals = c.prepareStatement(
                "select kind, quantity from bill_usage_total where tenant_id = ? and period = ?");
            PreparedStatement invoice = c.prepareStatement("insert into bench_invoice (id, tenant_id, number, status,"
                + " currency, period, subtotal_minor, tax_minor, total_minor, amount_due_minor, issued_at, created_at)"
                + " values (?, ?, ?, 'open', 'USD', ?, ?, 0, ?, ?, ?, ?)");
            PreparedStatement line = c.prepareStatement("insert into bench_invoice_line (id, invoice_id, position,"
                + " kind, description, quantity, unit_amount_minor, amount_minor) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (String t : tenants.subList(from, to)) {
            sub.setString(1, t);
            String plan;
            try (ResultSet rs = sub.executeQuery()) {
              rs.next();
              plan = rs.getString(1);
            }
            totals.setString(1, t);
            totals.setString(2, usedPeriod);
            long used = 0;
            try (ResultSet rs = totals.executeQuery()) {
              while (rs.next()) {
                used += rs.getLong(2);
              }
            }
            String id = UUID.randomUUID().toString();
            Timestamp ts = Timestamp.valueOf(now);
            invoice.setString(1, id);
            invoice.setString(2, t);
            invoice.setString(3, String.format(Locale.ROOT, "B-%06d", numbers.incrementAndGet()));
            invoice.setString(4, usedPeriod);
            invoice.setLong(5, used);
            invoice.setLong(6, used);
            invoice.setLong(7, used);
            invoice.setTimestamp(8, ts);
            invoice.setTimestamp(9, ts);
            invoice.executeUpdate();
            for (int pos = 1; pos <= 2; pos++) {
              line.setString(1, UUID.randomUUID().toString());
              line.setString(2, id);
              line.setInt(3, pos);
              line.setString(4, pos == 1 ? "plan" : "usage");
              line.setString(5, plan + " plan, line " + pos);
              line.setLong(6, 1);
              line.setLong(7, used);
              line.setLong(8, used);
              line.executeUpdate();
            }
            c.commit();
          }
        }
      }
    });
    long nanos = System.nanoTime() - t0;
    long rows = h.db.number("select count(*) from bench_invoice");
    if (rows != tenants.size()) {
      throw new IllegalStateException("baseline wrote " + rows + " invoice rows for " + tenants.size() + " tenants");
    }
    return nanos;
  }

  /** The harness's H2 data source: the persistence unit was created with it. */
  private static DataSource dataSource(BillingHarness h) {
    Object ds = h.db.unit().getProperties().get("javax.persistence.nonJtaDataSource");
    if (!(ds instanceof DataSource d)) {
      throw new IllegalStateException("the harness's persistence unit has no data source property: " + ds);
    }
    return d;
  }

  // ------------------------------------------------------------------ 2. usage ingestion

  private static final class Ingestion {
    final List<String> report = new ArrayList<>();
    boolean ok = true;
  }

  private record Rate(long events, long nanos) {
    double perSecond() {
      return events / (nanos / 1e9);
    }
  }

  /** Events of one phase, per worker: worker w sends to its own tenants only (no two workers update one total row). */
  private static List<List<UsageEvent>> events(String phase, int total, int threads, Instant at) {
    List<List<UsageEvent>> perWorker = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      List<UsageEvent> list = new ArrayList<>();
      for (int e = 0; e < total / threads; e++) {
        list.add(new UsageEvent("conversation:" + phase + ":" + w + ":" + e, UsageEvent.CONVERSATION, 1,
            at.plusMillis(e)));
      }
      perWorker.add(list);
    }
    return perWorker;
  }

  private static final int TENANTS_PER_WORKER = 50;
  private static final int BATCH = 100;

  /**
   * Events/s through {@code MeteringService.record}: single events (one call and transaction each)
   * and batches of 100 (one tenant per batch), {@code threads} workers, each on tenants of its own;
   * then plain JDBC inserts of the same rows into a scratch table with the same primary key; then
   * every event again, which must count nothing.
   */
  private static Ingestion ingestion(int singles, int batched, int threads) throws SQLException {
    Ingestion in = new Ingestion();
    try (BillingHarness h = BillingHarness.startingAt(Instant.parse("2026-03-01T00:00:00Z"))) {
      TenantContext[][] tenants = new TenantContext[threads][TENANTS_PER_WORKER];
      for (int w = 0; w < threads; w++) {
        for (int k = 0; k < TENANTS_PER_WORKER; k++) {
          tenants[w][k] = h.context(h.tenant(String.format(Locale.ROOT, "u%d%04d", w, k)));
        }
      }
      Instant at = h.now().plusSeconds(3600);
      List<List<UsageEvent>> single = events("s", singles, threads, at);
      List<List<UsageEvent>> batches = events("b", batched, threads, at);

      AtomicLong counted = new AtomicLong();
      long t0 = System.nanoTime();
      parallelChunks(threads, threads, 1, (w, end) -> {
        List<UsageEvent> list = single.get(w);
        for (int e = 0; e < list.size(); e++) {
          counted.addAndGet(h.metering.record(tenants[w][e % TENANTS_PER_WORKER], List.of(list.get(e))));
        }
      });
      Rate singleRate = new Rate(counted.getAndSet(0), System.nanoTime() - t0);
      long[][] batchNanos = new long[threads][];
      long t1 = System.nanoTime();
      parallelChunks(threads, threads, 1, (w, end) -> {
        List<UsageEvent> list = batches.get(w);
        batchNanos[w] = new long[(list.size() + BATCH - 1) / BATCH];
        for (int from = 0, b = 0; from < list.size(); from += BATCH, b++) {
          long s0 = System.nanoTime();
          counted.addAndGet(h.metering.record(tenants[w][b % TENANTS_PER_WORKER],
              list.subList(from, Math.min(list.size(), from + BATCH))));
          batchNanos[w][b] = System.nanoTime() - s0;
        }
      });
      Rate batchRate = new Rate(counted.getAndSet(0), System.nanoTime() - t1);
      long rows = h.db.number("select count(*) from bill_usage");
      long total = h.db.number("select coalesce(sum(quantity), 0) from bill_usage_total");
      long expected = (long) single.stream().mapToInt(List::size).sum() + batches.stream().mapToInt(List::size).sum();

      Rate singleBase = jdbcInserts(h, tenants, single, 1, threads);
      Rate batchBase = jdbcInserts(h, tenants, batches, BATCH, threads);

      // exactly once: everything again, in batches of 100 per tenant, as an outbox replays after a crash
      long t2 = System.nanoTime();
      parallelChunks(threads, threads, 1, (w, end) -> {
        for (List<List<UsageEvent>> phase : List.of(single, batches)) {
          List<UsageEvent> list = phase.get(w);
          int step = phase == single ? 1 : BATCH;
          List<List<UsageEvent>> byTenant = new ArrayList<>();
          for (int k = 0; k < TENANTS_PER_WORKER; k++) {
            byTenant.add(new ArrayList<>());
          }
          for (int e = 0; e < list.size(); e++) {
            byTenant.get((e / step) % TENANTS_PER_WORKER).add(list.get(e));
          }
          for (int k = 0; k < TENANTS_PER_WORKER; k++) {
            List<UsageEvent> l = byTenant.get(k);
            for (int from = 0; from < l.size(); from += BATCH) {
              counted.addAndGet(h.metering.record(tenants[w][k], l.subList(from, Math.min(l.size(), from + BATCH))));
            }
          }
        }
      });
      long replayNanos = System.nanoTime() - t2;
      long again = counted.get();
      long rowsAfter = h.db.number("select count(*) from bill_usage");
      long totalAfter = h.db.number("select coalesce(sum(quantity), 0) from bill_usage_total");
      in.ok = singleRate.events() + batchRate.events() == expected && rows == expected && total == expected
          && again == 0 && rowsAfter == rows && totalAfter == total;

      in.report.add(String.format(Locale.ROOT, "2. Usage ingestion through MeteringService.record, %d threads"
          + " (each on %d tenants of its own; conversation events of 1)", threads, TENANTS_PER_WORKER));
      in.report.add("");
      in.report.add(String.format(Locale.ROOT, "%-34s %9s %9s %11s %18s %8s", "", "events", "s", "events/s",
          "baseline events/s", "ratio"));
      row(in.report, "single events (1 per call)", singleRate, singleBase);
      row(in.report, "batches of 100 (1 tenant each)", batchRate, batchBase);
      in.report.add("baseline: plain JDBC inserts of the same rows into a scratch table with bill_usage's columns and"
          + " primary key (tenant_id, id), one connection per worker, a commit per event (single) or per"
          + " 100-row JDBC batch (median of 3)");
      int perTenant = batched / (threads * TENANTS_PER_WORKER);
      int before = singles / (threads * TENANTS_PER_WORKER);
      in.report.add(String.format(Locale.ROOT,
          "batches of 100, ms per record call: %.2f in the first tenth of each worker's batches (its tenants had"
              + " %d-%d usage rows each), %.2f in the last tenth (%d-%d rows)", tenthMillis(batchNanos, false),
          before, before + perTenant / 10, tenthMillis(batchNanos, true), before + perTenant * 9 / 10,
          before + perTenant));
      in.report.add(String.format(Locale.ROOT,
          "exactly once: recorded %d of %d events; bill_usage %d rows, bill_usage_total sum %d; all %d again"
              + " (batches of 100, %.0f events/s): counted %d, bill_usage %d rows, bill_usage_total sum %d: %s",
          singleRate.events() + batchRate.events(), expected, rows, total, expected, expected / (replayNanos / 1e9),
          again, rowsAfter, totalAfter, in.ok ? "ok" : "WRONG"));
    }
    return in;
  }

  /** The mean of the first (or last) tenth of every worker's batch timings, in ms. */
  private static double tenthMillis(long[][] nanos, boolean last) {
    long sum = 0;
    int count = 0;
    for (long[] worker : nanos) {
      int tenth = Math.max(1, worker.length / 10);
      for (int b = last ? worker.length - tenth : 0, e = b + tenth; b < e; b++) {
        sum += worker[b];
        count++;
      }
    }
    return sum / 1e6 / count;
  }

  private static void row(List<String> report, String name, Rate r, Rate base) {
    report.add(String.format(Locale.ROOT, "%-34s %9d %9.2f %11.0f %18.0f %8.2f", name, r.events(), r.nanos() / 1e9,
        r.perSecond(), base.perSecond(), r.perSecond() / base.perSecond()));
  }

  /**
   * The same rows as bill_usage gets, inserted with plain JDBC into a scratch table, {@code batch} per
   * commit; the median of three (each takes a fraction of a second).
   */
  private static Rate jdbcInserts(BillingHarness h, TenantContext[][] tenants, List<List<UsageEvent>> events, int batch,
      int threads) throws SQLException {
    Rate[] rates = new Rate[3];
    for (int r = 0; r < rates.length; r++) {
      rates[r] = jdbcInsertsOnce(h, tenants, events, batch, threads);
    }
    java.util.Arrays.sort(rates, java.util.Comparator.comparingLong(Rate::nanos));
    return rates[1];
  }

  private static Rate jdbcInsertsOnce(BillingHarness h, TenantContext[][] tenants, List<List<UsageEvent>> events,
      int batch, int threads) throws SQLException {
    DataSource ds = dataSource(h);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists bench_usage (tenant_id varchar(36) not null, id varchar(120) not null,"
          + " kind varchar(60) not null, period varchar(7) not null, quantity bigint not null,"
          + " occurred_at timestamp not null, recorded_at timestamp not null, primary key (tenant_id, id))");
      s.execute("truncate table bench_usage");
    }
    Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(h.now(), ZoneOffset.UTC));
    long t0 = System.nanoTime();
    parallelChunks(threads, threads, 1, (w, end) -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement ins = c.prepareStatement("insert into bench_usage (tenant_id, id, kind, period,"
            + " quantity, occurred_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?)")) {
          List<UsageEvent> list = events.get(w);
          for (int from = 0, b = 0; from < list.size(); from += batch, b++) {
            String tenant = tenants[w][b % TENANTS_PER_WORKER].id().toString();
            for (UsageEvent e : list.subList(from, Math.min(list.size(), from + batch))) {
              ins.setString(1, tenant);
              ins.setString(2, e.id());
              ins.setString(3, e.kind());
              ins.setString(4, YearMonth.from(e.occurredAt().atZone(ZoneOffset.UTC)).toString());
              ins.setLong(5, e.quantity());
              ins.setTimestamp(6, Timestamp.valueOf(LocalDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC)));
              ins.setTimestamp(7, now);
              if (batch == 1) {
                ins.executeUpdate();
              } else {
                ins.addBatch();
              }
            }
            if (batch > 1) {
              ins.executeBatch();
            }
            c.commit();
          }
        }
      }
    });
    long nanos = System.nanoTime() - t0;
    long rows = h.db.number("select count(*) from bench_usage");
    return new Rate(rows, nanos);
  }

  // ------------------------------------------------------------------ plumbing

  @FunctionalInterface
  private interface Chunk {
    void run(int from, int to) throws SQLException;
  }

  /** Runs {@code work(from, to)} for consecutive chunks of {@code [0, n)} on {@code threads} workers; waits for all. */
  private static void parallelChunks(int threads, int n, int chunk, Chunk work) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int from = 0; from < n; from += chunk) {
        int f = from;
        int t = Math.min(n, from + chunk);
        futures.add(pool.submit(() -> {
          work.run(f, t);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().toString(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code work(k)} for every k in {@code [0, n)}, in consecutive chunks on {@code threads} workers. */
  private static void parallel(int threads, int n, IntConsumer work) {
    parallelChunks(threads, n, Math.max(1, (n + threads - 1) / threads), (from, to) -> {
      for (int k = from; k < to; k++) {
        work.accept(k);
      }
    });
  }

  private interface IntPredicate {
    boolean test(int k);
  }

  private static int count(int n, IntPredicate p) {
    int c = 0;
    for (int k = 0; k < n; k++) {
      c += p.test(k) ? 1 : 0;
    }
    return c;
  }

  private static double seconds(long fromNanos, long toNanos) {
    return Duration.ofNanos(toNanos - fromNanos).toMillis() / 1000.0;
  }

  private static int env(String name, int def) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? def : Integer.parseInt(v.strip());
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static void out(String line) {
    System.out.println(line);
  }

  /** Progress on stderr, with the time of day (to find a phase in a JFR recording). */
  private static void progress(String format, Object... args) {
    System.err.println("billing-bench: " + java.time.LocalTime.now().withNano(0) + " "
        + String.format(Locale.ROOT, format, args));
  }
}
