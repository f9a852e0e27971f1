package io.queuelens.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.PayoutFixture;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.queuelens.it.MailIT.call;
import static io.queuelens.it.MailIT.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report subscriptions on the deployed server (MariaDB) with a real SMTP server (GreenMail): a tenant of its
 * own (UTC) with four calls imported for yesterday; its MANAGER subscribes the summary of yesterday. "Send now"
 * mails exactly one HTML mail with the headline figure and the XLSX attached (opened with POI: its Offered
 * equals the JSON report's); the subscription's next run set to a minute from now fires from the schedule,
 * once. A PDF+CSV subscription is over the IT server's attachment limit (QUEUELENS_SUBSCRIPTIONS_ATTACH_MAX_MB
 * = 0.015): its mail carries links; the PDF link downloads (200, opened with PDFBox, same figure), a tampered
 * one is 403. A disabled owner's run fails with the reason in the job history and sends nothing.
 */
@ExtendWith(SharedMariaDbServer.class)
class SubscriptionsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int LIMIT_BYTES = (int) (0.015 * 1024 * 1024);

    @Test
    void aSubscriptionIsMailedNowAndFromItsScheduleOnceEachWithFilesThatHoldTheReportsFigures(Deployment d) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "subs-" + suffix;
        HttpResponse<String> created = call(d, "POST", "/api/v1/tenants", "{\"id\": \"" + tenant + "\", \"name\": \"Subs "
                + suffix + "\", \"timeZone\": \"UTC\", \"locale\": \"en\", \"currency\": \"EUR\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant yesterday = today.minus(1, ChronoUnit.DAYS);
        importCalls(d, tenant, yesterday.plus(10, ChronoUnit.HOURS));
        String range = "tenant=" + tenant + "&tz=UTC&from=" + yesterday + "&to=" + today;
        long offered = awaitOffered(d, range, 4);

        int port = MailIT.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            assertThat(call(d, "PUT", "/api/v1/mail/settings?tenant=" + tenant, MailIT.settings(port, "NONE", null, null))
                    .statusCode()).isEqualTo(200);
            String ownerName = "subs-mgr-" + suffix;
            FormLogin owner = FormLogin.firstLogin(d.server(), ownerName,
                    AccessMatrixIT.invite(d, ownerName, "MANAGER", "{\"" + tenant + "\": []}"), AccessMatrixIT.PASSWORD);

            // bad input: every field named
            HttpResponse<String> bad = owner.send("POST", "/api/v1/subscriptions?tenant=" + tenant,
                    "{\"report\": \"summary\", \"period\": \"yesterday\", \"formats\": [], \"recipients\": [\"not-mail\"],"
                            + " \"frequency\": \"daily\", \"time\": \"25:61\"}");
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(json(bad.body()).asJsonObject().getJsonArray("problems").stream()
                    .map(p -> p.asJsonObject().getString("parameter")).toList()).contains("formats", "recipients", "time");

            String to = "boss-" + suffix + "@example.com";
            HttpResponse<String> saved = owner.send("POST", "/api/v1/subscriptions?tenant=" + tenant,
                    "{\"report\": \"summary\", \"period\": \"yesterday\", \"formats\": [\"xlsx\"], \"recipients\": [\"" + to
                            + "\"], \"frequency\": \"daily\", \"time\": \"05:00\"}");
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
            JsonObject sub = json(saved.body()).asJsonObject();
            long id = sub.getJsonNumber("id").longValue();
            assertThat(sub.getString("owner")).isEqualTo(ownerName);
            assertThat(sub.getString("nextRunAt")).endsWith("T05:00:00Z");

            // send now: 202 with the execution; one mail with the figure and the XLSX
            HttpResponse<String> now = owner.send("POST", "/api/v1/subscriptions/" + id + "/send-now?tenant=" + tenant, null);
            assertThat(now.statusCode()).as(now.body()).isEqualTo(202);
            long execution = json(now.body()).asJsonObject().getJsonNumber("executionId").longValue();
            JsonObject run = PayoutFixture.awaitRun(d.server(), SharedMariaDbServer.API_TOKEN, tenant, execution,
                    PayoutFixture::finished, Duration.ofSeconds(120));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            assertThat(smtp.waitForIncomingEmail(60_000, 1)).isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).startsWith("Summary: ");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(to);
            Map<String, byte[]> parts = parts(mail);
            String html = new String(parts.get("text/html"), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(html).contains("data-key=\"offered\">" + offered + "</td>");
            byte[] xlsx = attachment(parts, ".xlsx");
            try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                Sheet total = wb.getSheet("total");
                assertThat(total.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Offered");
                assertThat((long) total.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(offered);
            }

            // from the schedule: next run a minute from now fires once (the minute timer), and moves on
            Instant next = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            try (Connection c = d.database().connect();
                 PreparedStatement ps = c.prepareStatement("UPDATE report_subscription SET next_run_at = ? WHERE id = ?")) {
                ps.setObject(1, LocalDateTime.ofInstant(next, ZoneOffset.UTC));
                ps.setLong(2, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThat(smtp.waitForIncomingEmail(150_000, 2)).as("the scheduled mail").isTrue();
            Thread.sleep(65_000); // another minute tick: nothing more
            assertThat(smtp.getReceivedMessages()).as("one mail per run").hasSize(2);
            assertThat(attachment(parts(smtp.getReceivedMessages()[1]), ".xlsx")).isNotEmpty();
            assertThat(d.database().count("select count(*) from report_subscription_run where subscription_id = " + id
                    + " and run_key = 'subscription " + id + " at " + next + "'")).isEqualTo(1);
            JsonObject after = json(owner.get("/api/v1/subscriptions/" + id + "?tenant=" + tenant).body()).asJsonObject();
            assertThat(Instant.parse(after.getString("nextRunAt"))).isAfter(next);
            assertThat(after.getJsonArray("runs").stream().filter(r -> r.asJsonObject().getString("status").equals("SENT")).count())
                    .isEqualTo(2);

            // over the limit: links instead of attachments
            HttpResponse<byte[]> pdfSize = download(d, "/api/v1/exports/summary?" + range + "&format=pdf", true);
            assertThat(pdfSize.body().length).as("precondition: the summary PDF is over the IT server's limit").isGreaterThan(LIMIT_BYTES);
            HttpResponse<String> big = owner.send("POST", "/api/v1/subscriptions?tenant=" + tenant,
                    "{\"report\": \"summary\", \"period\": \"yesterday\", \"formats\": [\"pdf\", \"csv\"], \"recipients\": [\"" + to
                            + "\"], \"frequency\": \"weekly\", \"weekday\": \"monday\", \"time\": \"06:00\"}");
            assertThat(big.statusCode()).as(big.body()).isEqualTo(201);
            long bigId = json(big.body()).asJsonObject().getJsonNumber("id").longValue();
            assertThat(owner.send("POST", "/api/v1/subscriptions/" + bigId + "/send-now?tenant=" + tenant, null).statusCode()).isEqualTo(202);
            assertThat(smtp.waitForIncomingEmail(120_000, 3)).isTrue();
            MimeMessage linked = smtp.getReceivedMessages()[2];
            Map<String, byte[]> linkedParts = parts(linked);
            assertThat(linkedParts.keySet()).noneMatch(k -> k.endsWith(".pdf") || k.endsWith(".csv"));
            String linkedHtml = new String(linkedParts.get("text/html"), java.nio.charset.StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("href=\"https?://[^/\"]+(/api/v1/subscription-files/[^\"]+/pdf\\?[^\"]+)\"").matcher(linkedHtml);
            assertThat(m.find()).as(linkedHtml).isTrue();
            String link = m.group(1).replace("&amp;", "&");
            HttpResponse<byte[]> pdf = download(d, link, false);
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (var doc = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(doc)).containsPattern("Offered\\s+" + offered + "\\b");
            }
            String sig = link.substring(link.indexOf("sig=") + 4);
            String tampered = link.replace("sig=" + sig, "sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1));
            HttpResponse<byte[]> refused = download(d, tampered, false);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("not valid");
            String moved = link.replaceAll("expires=(\\d+)", "expires=9$1");
            assertThat(download(d, moved, false).statusCode()).as("a changed expiry is tampering").isEqualTo(403);

            // the page: the list with the next run in the tenant's zone, "Subscribe…" on a report page, field messages
            String list = owner.get("/reports/subscriptions.xhtml?tenant=" + tenant).body();
            assertThat(list).contains(to).contains("(UTC)");
            String summaryPage = owner.get("/reports/summary.xhtml?tenant=" + tenant).body();
            assertThat(summaryPage).contains("/reports/subscriptions.xhtml?subscribe=summary&amp;tenant=" + tenant);
            String prefilled = owner.get("/reports/subscriptions.xhtml?tenant=" + tenant + "&subscribe=answered&queues=sales").body();
            assertThat(prefilled).containsPattern("id=\"subForm:queues\"[^>]*value=\"sales\"");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("subForm", "subForm");
            form.put("subForm:report", "answered");
            form.put("subForm:period", "yesterday");
            form.put("subForm:queues", "sales");
            form.put("subForm:agents", "");
            form.put("subForm:timeZone", "");
            form.put("subForm:recipients", "");
            form.put("subForm:frequency", "daily");
            form.put("subForm:weekday", "");
            form.put("subForm:dayOfMonth", "");
            form.put("subForm:time", "99:99");
            form.put("subForm:save", "");
            form.put("jakarta.faces.ViewState", FormLogin.viewState(prefilled));
            form.put("primefaces.nonce", FormLogin.nonce(prefilled));
            HttpResponse<String> posted = owner.post("/reports/subscriptions.xhtml?tenant=" + tenant, form);
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(posted.body()).contains("Enter at least one recipient.").contains("Enter a time as HH:mm")
                    .contains("Choose at least one format.");
            form.put("subForm:recipients", "not-an-address");
            form.put("subForm:time", "07:00");
            form.put("subForm:formats", "csv");
            form.put("jakarta.faces.ViewState", FormLogin.viewState(posted.body()));
            assertThat(owner.post("/reports/subscriptions.xhtml?tenant=" + tenant, form).body()).contains("Not an e-mail address.");

            // payroll: the payouts of a period are a subscribable report (the tenant has no payouts: zero agent-days)
            HttpResponse<String> pay = owner.send("POST", "/api/v1/subscriptions?tenant=" + tenant,
                    "{\"report\": \"payouts\", \"period\": \"last-month\", \"formats\": [\"xlsx\"], \"recipients\": [\"payroll-"
                            + suffix + "@example.com\"], \"frequency\": \"monthly\", \"dayOfMonth\": 1, \"time\": \"07:00\"}");
            assertThat(pay.statusCode()).as(pay.body()).isEqualTo(201);
            long payId = json(pay.body()).asJsonObject().getJsonNumber("id").longValue();
            assertThat(owner.send("POST", "/api/v1/subscriptions/" + payId + "/send-now?tenant=" + tenant, null).statusCode()).isEqualTo(202);
            assertThat(smtp.waitForIncomingEmail(120_000, 4)).isTrue();
            MimeMessage payroll = smtp.getReceivedMessages()[3];
            assertThat(payroll.getSubject()).startsWith("Payouts: ");
            try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(attachment(parts(payroll), ".xlsx")))) {
                assertThat(wb.getSheet("total").getRow(0).getCell(1).getStringCellValue()).isEqualTo("Agent-days");
                assertThat((long) wb.getSheet("total").getRow(1).getCell(1).getNumericCellValue()).isZero();
            }
            // a report reader may not subscribe to pay
            String readerName = "subs-rep-" + suffix;
            FormLogin reader = FormLogin.firstLogin(d.server(), readerName,
                    AccessMatrixIT.invite(d, readerName, "REPORTS", "{\"" + tenant + "\": []}"), AccessMatrixIT.PASSWORD);
            HttpResponse<String> refusedPay = reader.send("POST", "/api/v1/subscriptions?tenant=" + tenant,
                    "{\"report\": \"payouts\", \"period\": \"last-month\", \"formats\": [\"xlsx\"], \"recipients\": [\"x@example.com\"],"
                            + " \"frequency\": \"daily\", \"time\": \"07:00\"}");
            assertThat(refusedPay.statusCode()).as(refusedPay.body()).isEqualTo(403);
            assertThat(reader.get("/api/v1/subscriptions?tenant=" + tenant).body()).as("a reader sees only their own").isEqualTo("[]");

            // GET /api/v1/reports/{name}?format= is the export; without format the JSON report stays
            HttpResponse<byte[]> viaReports = download(d, "/api/v1/reports/summary?" + range + "&format=xlsx", true);
            assertThat(viaReports.statusCode()).isEqualTo(200);
            try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(viaReports.body()))) {
                assertThat((long) wb.getSheet("total").getRow(1).getCell(0).getNumericCellValue()).isEqualTo(offered);
            }
            assertThat(download(d, "/api/v1/reports/intervals?" + range + "&format=csv", true).statusCode()).isEqualTo(200);
            assertThat(call(d, "GET", "/api/v1/reports/summary?" + range, null).body()).startsWith("{");

            // the owner disabled: the run fails with the reason, and nothing is sent
            HttpResponse<String> disabled = AccessMatrixIT.tokenCall(d, "POST", "/api/v1/users/" + ownerName + "/disable", null);
            assertThat(disabled.statusCode()).as(disabled.body()).isBetween(200, 204);
            HttpResponse<String> admin = call(d, "POST", "/api/v1/subscriptions/" + id + "/send-now?tenant=" + tenant, null);
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(202);
            long failed = json(admin.body()).asJsonObject().getJsonNumber("executionId").longValue();
            // the job's error is written as the run fails: wait for both, not only for the status
            JsonObject failedRun = PayoutFixture.awaitRun(d.server(), SharedMariaDbServer.API_TOKEN, tenant, failed,
                    r -> PayoutFixture.finished(r) && (!"FAILED".equals(r.getString("status")) || r.containsKey("error")),
                    Duration.ofSeconds(120));
            assertThat(failedRun.getString("status")).isEqualTo("FAILED");
            assertThat(failedRun.getString("error")).contains(ownerName).contains("disabled");
            Thread.sleep(5000);
            assertThat(smtp.getReceivedMessages()).as("no mail for a disabled owner").hasSize(4);
        } finally {
            smtp.stop();
        }
    }

    /** Two answered and two abandoned calls in queue sales at {@code at} (a queue_log import of the tenant's own). */
    private static void importCalls(Deployment d, String tenant, Instant at) throws Exception {
        long t = at.getEpochSecond();
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            long s = t + i * 300;
            String call = s + "." + i;
            log.append(s).append('|').append(call).append("|sales|NONE|ENTERQUEUE||555000").append(i).append("|1\n");
            if (i < 2) {
                log.append(s + 5).append('|').append(call).append("|sales|Agent One|CONNECT|5|").append(call).append("9|0\n");
                log.append(s + 65).append('|').append(call).append("|sales|Agent One|COMPLETEAGENT|5|60|1\n");
            } else {
                log.append(s + 20).append('|').append(call).append("|sales|NONE|ABANDON|1|1|20\n");
            }
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(d.server().url(
                        "/api/v1/imports/queue-log?tenant=" + tenant + "&source=subs&name=subs")))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(log.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static long awaitOffered(Deployment d, String range, long expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            HttpResponse<String> r = call(d, "GET", "/api/v1/reports/summary?" + range, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            long offered = json(r.body()).asJsonObject().getJsonObject("total").getJsonNumber("offered").longValue();
            if (offered == expected) {
                return offered;
            }
            assertThat(Instant.now()).as("the imported calls reach the summary; offered " + offered).isBefore(deadline);
            Thread.sleep(1000);
        }
    }

    private static HttpResponse<byte[]> download(Deployment d, String path, boolean token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path))).timeout(Duration.ofSeconds(60));
        if (token) {
            b.header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Body parts by content type (text/plain, text/html) and attachments by file name. */
    private static Map<String, byte[]> parts(Part p) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        collect(p, out);
        return out;
    }

    private static void collect(Part p, Map<String, byte[]> out) throws Exception {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                collect(mp.getBodyPart(i), out);
            }
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.getDataHandler().writeTo(bytes);
        String name = p.getFileName();
        out.put(name != null ? name : p.isMimeType("text/html") ? "text/html" : "text/plain", bytes.toByteArray());
    }

    private static byte[] attachment(Map<String, byte[]> parts, String extension) {
        List<String> names = new ArrayList<>(parts.keySet());
        return names.stream().filter(n -> n.endsWith(extension)).findFirst().map(parts::get)
                .orElseThrow(() -> new AssertionError("no " + extension + " attachment among " + names));
    }
}
