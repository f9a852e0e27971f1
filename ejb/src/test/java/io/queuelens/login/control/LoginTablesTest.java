package io.queuelens.login.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V13's tables take what the login entities write, on H2 and MariaDB, and go with their user. */
class LoginTablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theLoginTablesAcceptTheirRowsAndFollowTheirUser(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into login_user_failures (username, failures, window_start, locked_until, locks) "
                    + "values ('ayse', 2, CURRENT_TIMESTAMP, null, 0)");
            s.executeUpdate("insert into app_user (username, password_hash, must_change_password, enabled, created_at) "
                    + "values ('ayse', 'PBKDF2WithHmacSHA256:2048:x:y', false, true, CURRENT_TIMESTAMP)");
            s.executeUpdate("insert into api_token (user_id, name, prefix, token_hash, created_at) select id, 'ci', 'qlt_abcd', '"
                    + "a".repeat(64) + "', CURRENT_TIMESTAMP from app_user where username = 'ayse'");
            assertThatThrownBy(() -> s.executeUpdate("insert into api_token (user_id, name, prefix, token_hash, created_at) "
                    + "select id, 'again', 'qlt_abcd', '" + "a".repeat(64) + "', CURRENT_TIMESTAMP from app_user"))
                    .as("a token digest is unique").isInstanceOf(java.sql.SQLException.class);
            s.executeUpdate("insert into user_session_cutoff (user_id, generation, sessions_valid_after) select id, 1, CURRENT_TIMESTAMP from app_user");
            s.executeUpdate("insert into remember_me_token (selector, user_id, validator_hash, created_at, expires_at) "
                    + "select 'sel1', id, '" + "b".repeat(64) + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP from app_user");
            s.executeUpdate("delete from app_user where username = 'ayse'");
            for (String table : new String[]{"api_token", "user_session_cutoff", "remember_me_token"}) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(table + " rows go with their user").isZero();
                }
            }
        }
    }
}
