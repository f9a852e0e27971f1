package io.queuelens.wallboards.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.audit.entity.Audited;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.testsupport.TestDatabases.Db;
import io.queuelens.wallboards.entity.InvalidWallboardException;
import io.queuelens.wallboards.entity.Threshold;
import io.queuelens.wallboards.entity.Wallboard;
import io.queuelens.wallboards.entity.WallboardCard;
import io.queuelens.wallboards.entity.WallboardFigure;
import io.queuelens.wallboards.entity.WallboardProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Boards stored on both databases the product runs on (V9 must migrate on each). */
class WallboardsTest {

    private static Wallboards over(Db db) throws Exception {
        return over(db, new ArrayList<>());
    }

    private static Wallboards over(Db db, List<Audited> audited) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) "
                    + "VALUES ('t1', 'T1', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP)");
        }
        Wallboards w = new Wallboards();
        w.dataSource = db.dataSource();
        w.audit = AuditTrail.to(audited::add);
        return w;
    }

    private static Wallboard board(String name, boolean shared, List<WallboardCard> cards) {
        return new Wallboard(null, "t1", "ignored", name, shared, 5, cards, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aBoardKeepsItsCardsInOrderAndOthersSeeItOnlyWhenShared(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            Wallboards boards = over(db);
            WallboardCard vip = new WallboardCard("VIP line", List.of("vip"), List.of(WallboardFigure.WAITING,
                    WallboardFigure.SERVICE_LEVEL), "#ff0000", Map.of(WallboardFigure.SERVICE_LEVEL, new Threshold(80, 60)));
            WallboardCard group = new WallboardCard("", List.of("support", "billing"), List.of(WallboardFigure.ASA),
                    "#00aa00", Map.of());
            Wallboard saved = boards.save(board("Floor", false, List.of(vip, group)), "anna");

            assertThat(saved.id()).isNotNull();
            assertThat(saved.owner()).isEqualTo("anna");
            Wallboard read = boards.find("t1", saved.id(), "anna").orElseThrow();
            assertThat(read.cards()).containsExactly(vip, group);
            assertThat(read.cards().get(1).groupKey()).isEqualTo("billing,support");
            assertThat(read.intervalSeconds()).isEqualTo(5);
            assertThat(boards.find("t1", saved.id(), "bob")).isEmpty();
            assertThat(boards.visibleTo("t1", "bob")).isEmpty();

            Wallboard reordered = new Wallboard(saved.id(), "t1", "anna", "Floor", true, 30, List.of(group, vip), null);
            boards.save(reordered, "anna");
            assertThat(boards.find("t1", saved.id(), "bob").orElseThrow().cards()).containsExactly(group, vip);
            assertThat(boards.visibleTo("t1", "bob")).extracting(Wallboard::name).containsExactly("Floor");

            // bob saving anna's shared board makes his own copy; anna's stays as it was
            Wallboard copy = boards.save(new Wallboard(saved.id(), "t1", "anna", "Floor", false, 10, List.of(vip), null), "bob");
            assertThat(copy.id()).isNotEqualTo(saved.id());
            assertThat(copy.owner()).isEqualTo("bob");
            assertThat(boards.find("t1", saved.id(), "anna").orElseThrow().cards()).hasSize(2);
            assertThat(boards.visibleTo("t1", "bob")).extracting(Wallboard::owner).containsExactly("bob", "anna");
            assertThat(boards.delete("t1", saved.id(), "bob")).isFalse();
            assertThat(boards.delete("t1", copy.id(), "bob")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void invalidSettingsNameTheirFieldsAndStoreNothing(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            Wallboards boards = over(db);
            WallboardCard bad = new WallboardCard("", List.of("sales"), List.of(), "red",
                    Map.of(WallboardFigure.WAITING, new Threshold(6, 3), WallboardFigure.SERVICE_LEVEL, new Threshold(60, 80),
                            WallboardFigure.ABANDON_RATE, new Threshold(5, 120)));
            Wallboard b = new Wallboard(null, "t1", "anna", " ", false, 61, List.of(WallboardCard.defaultFor("vip"), bad), null);

            assertThatThrownBy(() -> boards.save(b, "anna")).isInstanceOfSatisfying(InvalidWallboardException.class,
                    e -> assertThat(e.problems()).extracting(WallboardProblem::field, WallboardProblem::key).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("name", "nameRequired"),
                            org.assertj.core.groups.Tuple.tuple("interval", "interval"),
                            org.assertj.core.groups.Tuple.tuple("card1.figures", "noFigures"),
                            org.assertj.core.groups.Tuple.tuple("card1.color", "color"),
                            org.assertj.core.groups.Tuple.tuple("card1.thresholds", "thresholdOrderUp"),
                            org.assertj.core.groups.Tuple.tuple("card1.thresholds", "thresholdOrderDown"),
                            org.assertj.core.groups.Tuple.tuple("card1.thresholds", "thresholdRange")));
            assertThat(boards.visibleTo("t1", "anna")).isEmpty();

            boards.save(board("Floor", false, List.of(WallboardCard.defaultFor(null))), "anna");
            assertThatThrownBy(() -> boards.save(board("Floor", false, List.of(WallboardCard.defaultFor("vip"))), "anna"))
                    .isInstanceOfSatisfying(InvalidWallboardException.class,
                            e -> assertThat(e.problems()).extracting(WallboardProblem::key).containsExactly("nameTaken"));
        }
    }

    @org.junit.jupiter.api.Test
    void thresholdsColourByTheFiguresDirection() {
        Threshold waiting = new Threshold(3, 6);
        assertThat(waiting.colour(WallboardFigure.WAITING, 2.0)).isEqualTo("green");
        assertThat(waiting.colour(WallboardFigure.WAITING, 3.0)).isEqualTo("yellow");
        assertThat(waiting.colour(WallboardFigure.WAITING, 6.0)).isEqualTo("red");
        Threshold sl = new Threshold(80, 60);
        assertThat(sl.colour(WallboardFigure.SERVICE_LEVEL, 95.0)).isEqualTo("green");
        assertThat(sl.colour(WallboardFigure.SERVICE_LEVEL, 80.0)).isEqualTo("yellow");
        assertThat(sl.colour(WallboardFigure.SERVICE_LEVEL, 59.9)).isEqualTo("red");
        assertThat(sl.colour(WallboardFigure.SERVICE_LEVEL, null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void savingSharingAndDeletingLeaveAuditLinesByTheUser(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            List<Audited> audited = new ArrayList<>();
            Wallboards boards = over(db, audited);
            WallboardCard card = new WallboardCard("", List.of("sales"), List.of(WallboardFigure.WAITING), "#00aa00", Map.of());
            Wallboard saved = boards.save(board("Floor", false, List.of(card)), "anna");
            boards.save(new Wallboard(saved.id(), "t1", "anna", "Floor", true, 5, List.of(card), null), "anna");
            boards.save(new Wallboard(saved.id(), "t1", "anna", "Floor", true, 10, List.of(card), null), "anna");
            boards.delete("t1", saved.id(), "bob"); // not his: no line
            boards.delete("t1", saved.id(), "anna");

            assertThat(audited).extracting(Audited::action).containsExactly("wallboard.saved", "wallboard.saved",
                    "wallboard.shared", "wallboard.saved", "wallboard.deleted");
            assertThat(audited).extracting(Audited::actor).containsOnly("anna");
            assertThat(audited).extracting(Audited::tenantId).containsOnly("t1");
        }
    }
}
