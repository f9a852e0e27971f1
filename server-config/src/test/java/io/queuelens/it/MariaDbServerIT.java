package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** QueueLens on Payara Micro against a real MariaDB: health, pages, and the demo's data in the database. */
@ExtendWith(SharedMariaDbServer.class)
class MariaDbServerIT {

    @Test
    void readinessReportsEachPartUp(Deployment d) throws Exception {
        HttpResponse<String> ready = d.server().get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"status\":\"UP\"")
                .contains("\"name\":\"database\"").contains("MariaDB")
                .contains("\"name\":\"schema\"")
                .contains("\"name\":\"sources\"").contains("demo/demo");
        assertThat(d.server().get("/health/live").body()).contains("\"status\":\"UP\"").contains("\"name\":\"heap\"");
    }

    @Test
    void pagesNeedALoginAndTheLoginPageRenders(Deployment d) throws Exception {
        HttpResponse<String> home = d.server().get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login.xhtml"));

        HttpResponse<String> login = d.server().get("/login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form id=\"login\"").contains("name=\"login:username\"");
        assertThat(d.server().get("/account/password.xhtml").statusCode()).isEqualTo(302);
    }

    @Test
    void migrationsCreatedTheSchemaAndTheFirstAdmin(Deployment d) throws Exception {
        assertThat(d.database().count("select count(*) from schema_history where success = 1")).isGreaterThanOrEqualTo(2);
        assertThat(d.database().count("select count(*) from app_user where username = 'admin'")).isEqualTo(1);
        assertThat(d.database().count("select count(*) from app_user_role r join app_user u on u.id = r.user_id "
                + "where u.username = 'admin' and r.role = 'ADMIN'")).isEqualTo(1);
        assertThat(d.database().count("select count(*) from tenant where id = 'demo'")).isEqualTo(1);
    }

    @Test
    void theDemoWritesHistoryAndKeepsWritingLive(Deployment d) throws Exception {
        long queueLog = d.database().count("select count(*) from demo_queue_log");
        long cdr = d.database().count("select count(*) from demo_cdr");
        assertThat(queueLog).as("queue_log rows after a 2-day backfill").isGreaterThan(1000);
        assertThat(cdr).as("CDR rows").isGreaterThan(100);
        assertThat(d.database().count("select count(distinct event) from demo_queue_log"))
                .as("distinct verbs").isGreaterThanOrEqualTo(10);

        // Live: at 100 AMI events/s new calls arrive every second, whatever the hour.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long later = queueLog;
        while (later == queueLog && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            later = d.database().count("select count(*) from demo_queue_log");
        }
        assertThat(later).as("rows keep arriving from the live demo").isGreaterThan(queueLog);
    }

    @Test
    void metricsExposeJvmFigures(Deployment d) throws Exception {
        HttpResponse<String> metrics = d.server().get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_uptime");
        String app = d.server().get("/metrics?scope=application").body();
        assertThat(app).contains("queuelens_source_ready").contains("demo-ami").contains("queuelens_source_counter");
    }
}
