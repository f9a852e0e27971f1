package io.queuelens.web.payouts;

import io.queuelens.payouts.boundary.RateCards;
import io.queuelens.payouts.entity.AgentGroup;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.payouts.entity.RateCardForm;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.i18n.Messages;
import io.queuelens.web.security.Caller;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Backs payouts/rate-cards.xhtml: a tenant's rate cards and agent groups, with one form each for
 * adding or changing; every field the boundary refuses gets its message next to it. Pause rates are
 * edited as text {@code reason=amount; reason=amount}.
 */
@Named
@ViewScoped
public class RateCardsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RateCards rateCards;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private String tenant;
    private String currency = "";
    private boolean ready;
    private transient List<Tenant> tenantChoices;
    private List<RateCard> cards = List.of();
    private List<AgentGroup> groups = List.of();

    private Long editingCard;
    private RateCardForm form = blank();
    private String pauseRatesText = "";
    private Long editingGroup;
    private String groupName;
    private String groupAgents;

    public void load() {
        tenantChoices = caller.visible(tenants.findAll());
        if (tenant == null || tenant.isBlank()) {
            tenantChoices.stream().findFirst().ifPresent(t -> tenant = t.getId());
        }
        if (caller.refusedTenant(tenant)) {
            return;
        }
        Tenant found = tenantChoices.stream().filter(t -> t.getId().equals(tenant == null ? null : tenant.strip())).findFirst()
                .orElse(null);
        ready = found != null;
        if (found != null) {
            tenant = found.getId();
            currency = found.getCurrency().getCurrencyCode();
            reload();
        }
    }

    private void reload() {
        cards = rateCards.cards(tenant);
        groups = rateCards.groups(tenant);
    }

    private static RateCardForm blank() {
        RateCardForm f = new RateCardForm();
        f.talkRounding = "PER_SECOND";
        return f;
    }

    public String show() {
        return "/payouts/rate-cards?faces-redirect=true&includeViewParams=true";
    }

    public void edit(RateCard c) {
        editingCard = c.id();
        form = RateCardForm.of(c);
        pauseRatesText = c.pauseRatesText();
    }

    public void newCard() {
        editingCard = null;
        form = blank();
        pauseRatesText = "";
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            form.pauseRates = RateCard.parsePauseRates(pauseRatesText);
        } catch (IllegalArgumentException | ArithmeticException e) {
            faces.addMessage("card:pauseRates", new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.text("summary.invalid"),
                    e.getMessage()));
            faces.validationFailed();
            return;
        }
        try {
            RateCard card = form.toRateCard(tenant, editingCard == null ? 0 : editingCard);
            rateCards.save(tenant, card, editingCard == null, caller.name());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text("ratecards.saved", card.name()), null));
            newCard();
            reload();
        } catch (InvalidPayoutInput e) {
            e.problems().forEach(p -> faces.addMessage("card:" + p.field(), new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Messages.text("summary.invalid"), p.message())));
            faces.validationFailed();
        }
    }

    public void delete(RateCard c) {
        rateCards.delete(tenant, c.id(), caller.name());
        reload();
    }

    public void editGroup(AgentGroup g) {
        editingGroup = g.id();
        groupName = g.name();
        groupAgents = String.join(", ", g.agents());
    }

    public void newGroup() {
        editingGroup = null;
        groupName = null;
        groupAgents = null;
    }

    public void saveGroup() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            List<String> agents = groupAgents == null ? List.of() : Arrays.stream(groupAgents.split(",")).map(String::strip)
                    .filter(a -> !a.isEmpty()).toList();
            rateCards.saveGroup(tenant, editingGroup, groupName, agents, caller.name());
            newGroup();
            reload();
        } catch (InvalidPayoutInput e) {
            e.problems().forEach(p -> faces.addMessage("group:" + ("agents".equals(p.field()) ? "agents" : "name"),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.text("summary.invalid"), p.message())));
            faces.validationFailed();
        }
    }

    public void deleteGroup(AgentGroup g) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            rateCards.deleteGroup(tenant, g.id(), caller.name());
            reload();
        } catch (InvalidPayoutInput e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.text("summary.invalid"), e.getMessage()));
        }
    }

    public String groupName(Long id) {
        return id == null ? "" : groups.stream().filter(g -> g.id() == id).map(AgentGroup::name).findFirst().orElse("#" + id);
    }

    public String getTenant() { return tenant; }
    public void setTenant(String tenant) { this.tenant = tenant; }
    public boolean isReady() { return ready; }
    public String getCurrency() { return currency; }
    public List<Tenant> getTenants() { return tenantChoices; }
    public List<RateCard> getCards() { return cards; }
    public List<AgentGroup> getGroups() { return groups; }
    public RateCardForm getForm() { return form; }
    public Long getEditingCard() { return editingCard; }
    public String getPauseRatesText() { return pauseRatesText; }
    public void setPauseRatesText(String v) { this.pauseRatesText = v; }
    public Long getEditingGroup() { return editingGroup; }
    public String getGroupName() { return groupName; }
    public void setGroupName(String v) { this.groupName = v; }
    public String getGroupAgents() { return groupAgents; }
    public void setGroupAgents(String v) { this.groupAgents = v; }
}
