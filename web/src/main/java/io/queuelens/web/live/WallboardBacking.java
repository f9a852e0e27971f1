package io.queuelens.web.live;

import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.wallboards.boundary.Wallboards;
import io.queuelens.wallboards.entity.InvalidWallboardException;
import io.queuelens.wallboards.entity.Wallboard;
import io.queuelens.wallboards.entity.WallboardCard;
import io.queuelens.wallboards.entity.WallboardFigure;
import io.queuelens.wallboards.entity.WallboardProblem;
import io.queuelens.web.i18n.Messages;
import io.queuelens.web.security.Caller;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Backs live/wallboard.xhtml: the board (the user's own, a shared one by {@code ?board=}, or a card per
 * queue before anything was saved), its editor, and the live channel of its tenant. The editor's
 * buttons post the whole form, so what was typed is kept while cards move; problems land on their field.
 */
@Named
@ViewScoped
public class WallboardBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Tenants tenants;
    @Inject
    Wallboards wallboards;
    @Inject
    LiveSnapshots snapshots;
    @Inject
    LivePush push;

    private final LivePage page = new LivePage();
    private Long boardId;
    private boolean tv;
    private Long loadedId;
    private String owner;
    private String name;
    private boolean shared;
    private Integer interval;
    private String order;
    private List<CardForm> cards = new ArrayList<>();
    private transient List<Wallboard> choices;

    /** f:viewAction: checks the user may watch the tenant, then loads the board and opens its groups. */
    public void load() throws IOException {
        Optional<Tenant> tenant = page.open(tenants);
        if (tenant.isEmpty()) {
            return;
        }
        String user = page.user();
        choices = wallboards.visibleTo(page.getTenant(), user);
        Wallboard board = (boardId == null ? Optional.<Wallboard>empty() : wallboards.find(page.getTenant(), boardId, user))
                .or(() -> choices.stream().filter(b -> b.owner().equals(user)).findFirst())
                .orElseGet(() -> Wallboard.defaultFor(page.getTenant(), user, Messages.text("wallboard.defaultName"),
                        // a user limited to some queues gets cards of those only
                        List.copyOf(page.getAudience().cut(snapshots.of(page.getTenant())).queues().keySet())));
        loadedId = board.id();
        owner = board.owner();
        name = board.name();
        shared = board.shared();
        interval = board.intervalSeconds();
        cards = new ArrayList<>(board.cards().stream().map(CardForm::of).toList());
        showGroups();
    }

    /** Saves the loaded board (the user's own), or a copy when it is somebody else's or not stored yet. */
    public String save() {
        return save(false);
    }

    /** Saves the form as a new board of the user, the loaded one left as it was: one board per TV. */
    public String saveAsNew() {
        return save(true);
    }

    private String save(boolean asNew) {
        if (!LiveAccess.mayEditBoards(page.getTenant())) {
            Caller.forbid(); // DASHBOARD views and picks boards; saving and sharing is for ADMIN and MANAGER
            return null;
        }
        applyOrder();
        List<String> unreadable = new ArrayList<>();
        List<WallboardCard> parsed = new ArrayList<>();
        FacesContext faces = FacesContext.getCurrentInstance();
        for (int i = 0; i < cards.size(); i++) {
            List<String> bad = new ArrayList<>();
            cards.get(i).toCard(bad).ifPresent(parsed::add);
            if (!bad.isEmpty()) {
                unreadable.addAll(bad);
                faces.addMessage("editor:cards:" + i + ":thresholds", error(Messages.text("wallboard.p.thresholdText", String.join("; ", bad))));
            }
        }
        showGroups(); // the cards as edited get their figures while the problems are shown
        if (!unreadable.isEmpty()) {
            return null;
        }
        Long id = !asNew && page.user().equals(owner) ? loadedId : null;
        try {
            Wallboard saved = wallboards.save(new Wallboard(id, page.getTenant(), page.user(), name, shared,
                    interval == null ? 0 : interval, parsed, null), page.user());
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text("wallboard.saved", saved.name()), null));
            return "/live/wallboard?faces-redirect=true&tenant=" + page.getTenant() + "&board=" + saved.id();
        } catch (InvalidWallboardException e) {
            for (WallboardProblem p : e.problems()) {
                faces.addMessage(clientId(p.field()), error(Messages.textOr("wallboard.p." + p.key(), p.message(), p.args().toArray())));
            }
            return null;
        }
    }

    /** Deletes the loaded board when it is the user's own, then shows the user's next board (or a new one). */
    public String delete() {
        if (!LiveAccess.mayEditBoards(page.getTenant())) {
            Caller.forbid();
            return null;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        if (loadedId != null && isMine() && wallboards.delete(page.getTenant(), loadedId, page.user())) {
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text("wallboard.deleted", name), null));
        }
        return "/live/wallboard?faces-redirect=true&tenant=" + page.getTenant();
    }

    public void addCard() {
        applyOrder();
        cards.add(CardForm.of(WallboardCard.defaultFor(null)));
        showGroups();
    }

    public void remove(int index) {
        applyOrder();
        cards.remove(index);
        showGroups();
    }

    public void move(int index, int by) {
        applyOrder();
        int to = index + by;
        if (to >= 0 && to < cards.size()) {
            cards.add(to, cards.remove(index));
        }
        showGroups();
    }

    /** The order the board's drag and drop left in the hidden field ("2,0,1"), applied once. */
    private void applyOrder() {
        if (order == null || order.isBlank()) {
            return;
        }
        List<CardForm> reordered = new ArrayList<>();
        for (String s : order.split(",")) {
            int i = Integer.parseInt(s.strip());
            if (i >= 0 && i < cards.size() && !reordered.contains(cards.get(i))) {
                reordered.add(cards.get(i));
            }
        }
        cards.stream().filter(c -> !reordered.contains(c)).forEach(reordered::add);
        cards = reordered;
        order = null;
    }

    private void showGroups() {
        push.showGroups(page.getTenant(), cards.stream().map(CardForm::getGroupKey).toList());
    }

    private static String clientId(String field) {
        if (field.startsWith("card")) {
            String[] parts = field.substring(4).split("\\.", 2);
            return "editor:cards:" + parts[0] + ":" + parts[1];
        }
        return "cards".equals(field) ? null : "editor:" + field;
    }

    private static FacesMessage error(String text) {
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null);
    }

    public List<String> getFigureKeys() {
        return Arrays.stream(WallboardFigure.values()).map(WallboardFigure::key).toList();
    }

    public boolean highIsBad(String figure) {
        return WallboardFigure.byKey(figure).map(WallboardFigure::highIsBad).orElse(true);
    }

    public String unit(String figure) {
        return WallboardFigure.byKey(figure).map(f -> f.unit().name().toLowerCase()).orElse("count");
    }

    public boolean isMine() {
        return page.user().equals(owner);
    }

    public LivePage getPage() { return page; }
    public Long getBoardId() { return boardId; }
    public void setBoardId(Long v) { boardId = v; }
    public boolean isTv() { return tv; }
    public void setTv(boolean v) { tv = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public boolean isShared() { return shared; }
    public void setShared(boolean v) { shared = v; }
    public Integer getInterval() { return interval; }
    public void setInterval(Integer v) { interval = v; }
    public String getOrder() { return order; }
    public void setOrder(String v) { order = v; }
    public List<CardForm> getCards() { return cards; }
    public List<Wallboard> getChoices() {
        if (choices == null) {
            choices = page.getTenant() == null ? List.of() : wallboards.visibleTo(page.getTenant(), page.user());
        }
        return choices;
    }
    public Long getLoadedId() { return loadedId; }
    public String getOwner() { return owner; }
}
