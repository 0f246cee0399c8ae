package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Phenomena of real articles that our clean fixtures lacked, each found on a real-web batch and
 * written here in our own words: datelines, what a listing entails, tariff talk, recaps and older
 * objects, hedges, headlines that compress, chips named in the next sentence, and the many ways a
 * market value is stated.
 */
class RealTextPhenomenaTest {
  private static final Tagger TAGGER = new Tagger(Taxonomy.load());
  private static final Instant JULY_2025 = Instant.parse("2025-07-16T12:00:00Z");

  private static Set<String> events(String title, String body) {
    return EventModalityTest.triples(TAGGER.tag(title, "", body, JULY_2025).events());
  }

  private static Set<String> caps(String title, String body) {
    Set<String> out = new TreeSet<>();
    for (MarketValue v : TAGGER.tag(title, "", body, JULY_2025).marketCaps()) {
      out.add(v.vendor() + " " + Math.round(v.usd() / 1e9) + "bn");
    }
    return out;
  }

  @Test
  void aDatelineIsWhereTheStoryWasFiledNotWhoActs() {
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-h20 CN"), events("",
        "Beijing: US chipmaker Nvidia said on Tuesday it will resume sales of its H20 chips to China after Washington "
            + "assured it that licences will be granted."));
  }

  @Test
  void whatAListingEntailsIsNoExportActionOfItsOwn() {
    assertEquals(Set.of(), events("",
        "Placement on the Entity List bars companies from receiving American technology without a special licence."));
  }

  @Test
  void talkAboutTariffsSetsNoTariff() {
    assertEquals(Set.of(), events("", "Analysts see the new chip curbs as leverage to put pressure on Beijing amid the tariff dispute."));
    assertEquals(Set.of(), events("", "As Washington has raised tariffs on many Chinese products, Beijing has tightened its grip on minerals."));
  }

  @Test
  void recapsAndOlderObjectsAreBackground() {
    assertEquals(Set.of(), events("", "The halt follows the US reversal of an earlier ban and its decision to allow H20 sales to "
        + "China on condition that the government gets a share of the revenue."));
    assertEquals(Set.of(), events("", "Chinese buyers have used Malaysia to get around existing US bans on chip exports to China."));
    assertEquals(Set.of(), events("", "Affected by the US ban on exports of AI chips to China, AMD booked a charge of $800 million."));
    assertEquals(Set.of(), events("", "The story so far: Earlier in April, the administration imposed restrictions on sales of the "
        + "H20 to China."));
  }

  @Test
  void aClauseSetInThePastByALoneAdverb() {
    assertEquals(Set.of(), events("", "Earlier, the previous administration barred Nvidia from selling its best chips to China."));
    assertEquals(Set.of(), events("", "One year ago, Nvidia said officials told it to stop exporting two chips to China."));
  }

  @Test
  void aListAfterIncludingBelongsToTheClauseBefore() {
    assertEquals(Set.of(), events("", "The move builds on sweeping rules imposed in October, including measures to cut China "
        + "off from American chipmaking tools."));
  }

  @Test
  void anActionDatedDaysBeforeTheArticleIsStillItsNews() {
    assertEquals(Set.of("EXPORT_LICENSE_REQUIRED nvidia-h20 CN"), events("",
        "On July 9, the government informed Nvidia that it would require a licence to export H20 chips to China."));
  }

  @Test
  void aStartAheadIsNoPastDate() {
    List<PolicyAction> out = TAGGER.tag("", "", "The Dutch government says makers of the machines will be required to have "
        + "export licences before they can sell them abroad starting in September.", JULY_2025).events();
    assertEquals(1, out.size(), out.toString());
    assertEquals(EventKind.EXPORT_LICENSE_REQUIRED, out.get(0).type());
    assertEquals("*", out.get(0).destination());
    assertEquals(Instant.parse("2025-09-01T00:00:00Z"), out.get(0).effective());
  }

  @Test
  void permitsAreLicences() {
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-h20 CN"), events("",
        "A US official confirmed that the Commerce Department has started to issue permits for the sale of H20 chips to China."));
    assertEquals(Set.of("EXPORT_LICENSE_REQUIRED  *"), events("",
        "Malaysia's trade ministry has introduced an immediate permit requirement for all exports of US-made AI chips."));
  }

  @Test
  void aMinistryActsForThePlaceTheStoryIsFiledFrom() {
    assertEquals(Set.of("EXPORT_LICENSE_REQUIRED  *"), events("",
        "KUALA LUMPUR: The trade ministry has introduced a permit requirement for all exports of high-end AI chips made in the US."));
  }

  @Test
  void exportRulesOnOtherGoodsAreNotTheChipTrade() {
    assertEquals(Set.of(), events("", "Beijing will require government permits for exports of high-performance lithium-ion battery cells."));
  }

  @Test
  void aCurbRecalledInARelativeClauseIsNoNewCurb() {
    assertEquals(Set.of(), events("", "The ministry also suspended the stricter checks on exports of graphite to the US, which were "
        + "announced alongside the ban."));
  }

  @Test
  void theListedFirmsCountriesMayComeTwoSentencesLater() {
    assertEquals(Set.of("ENTITY_LIST  CN", "ENTITY_LIST  IN", "ENTITY_LIST  SG"), events("",
        "The Commerce Department made 20 additions to the Entity List on Tuesday. The expansion focused on suppliers to "
            + "military projects. It encompassed 15 Chinese companies along with a few in India and Singapore."));
  }

  @Test
  void buyersApprovedToAcquireAreSalesAllowed() {
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-blackwell AE"), events("",
        "The department confirmed that the UAE's G42 is now approved to acquire 35,000 Blackwell processors."));
  }

  @Test
  void theSameDealExtendsTheActionToTheChipsNamedNext() {
    assertEquals(Set.of("EXPORT_ALLOWED amd-mi308 CN", "EXPORT_ALLOWED nvidia-h20 CN"), events("",
        "The Commerce Department began granting licences for H20 sales to China on Friday. Under the same deal, AMD will "
            + "also pay 15% of its revenue from MI308 sales in the country."));
  }

  @Test
  void anIndependentClauseKeepsItsOwnChips() {
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-h200 CN"), events("", "Trump will allow Nvidia to sell H200 chips to China; the "
        + "H200 remains a generation behind Blackwell chips, which stay restricted."));
  }

  @Test
  void aRegimeThatWasIsNoDenialByDefault() {
    assertEquals(Set.of("EXPORT_LICENSE_REQUIRED nvidia-h200 CN"), events("", "Before the new rule, applications to ship the H200 "
        + "to China were reviewed under a presumption of denial. The H200 will continue to require a licence for export to China."));
  }

  @Test
  void theSameApproachExtendsTheAllowanceToOtherVendors() {
    assertEquals(Set.of("EXPORT_ALLOWED amd CN", "EXPORT_ALLOWED intel CN", "EXPORT_ALLOWED nvidia-h200 CN"), events("",
        "Trump said he will allow Nvidia to sell the H200 to China, and that the same approach will apply to AMD and Intel."));
  }

  @Test
  void aPurposeIsNoAllowance() {
    assertEquals(Set.of(), events("", "The amendment is designed to allow more exports of the H200 to China."));
  }

  @Test
  void goodsNotPermittedToEnterAreAnImportRestriction() {
    assertEquals(Set.of("IMPORT_RESTRICTION nvidia-h200 CN"), events("",
        "Chinese customs officers have told firms that Nvidia's H200 chips are not permitted to enter the country."));
  }

  @Test
  void concessionsAndKnownBansAreBackground() {
    assertEquals(Set.of(), events("", "While Washington only recently approved exports of the H200 to China, Beijing is "
        + "discouraging purchases."));
    assertEquals(Set.of(), events("", "\"The H20 export ban ended our data-centre business in China,\" the chief executive said."));
    assertEquals(Set.of(), events("", "China suspended the controls announced in October, including expanded curbs on rare earth exports."));
  }

  @Test
  void passiveActions() {
    assertEquals(Set.of("TARIFF nvidia-h200 US"), events("", "A 25% tariff was imposed on imports of the H200 on Wednesday."));
    assertEquals(Set.of("EXPORT_BAN intel CN", "EXPORT_BAN qualcomm CN"), events("",
        "The department said Intel and Qualcomm processors bound for China had their export licences revoked."));
    assertEquals(Set.of("ENTITY_LIST  CN", "ENTITY_LIST  PK"), events("",
        "More than 40 of the new entities added to the list are based in China, with others located in Pakistan."));
    assertEquals(Set.of("EXPORT_ALLOWED nvidia-h200 CN"), events("",
        "The department shifted exports of the H200 to China to case-by-case licensing with conditions."));
  }

  @Test
  void licencesObtainedForMetalsAreNoCurb() {
    assertEquals(Set.of(), events("", "Some Chinese companies have obtained export licences for gallium products, the ministry said."));
  }

  @Test
  void dollarsOfOtherKindsAndLossesAreNoValues() {
    assertEquals(Set.of("nvidia 3335bn"), caps("", "In June, Nvidia's market cap hit $5 trillion ($US3.335 trillion)."));
    assertEquals(Set.of("nvidia 3335bn"), caps("", "The company's market cap now stands at USD 3.335 trillion, data show. Nvidia leads."));
    assertEquals(Set.of(), caps("", "Nvidia's one-day loss in market capitalisation beat the $232 billion decline Meta suffered in 2022."));
  }

  @Test
  void makersSuchAsAreTheirProductsInGeneral() {
    assertEquals(Set.of("EXPORT_BAN intel CN", "EXPORT_BAN qualcomm CN"), events("", "The United States has revoked a licence that "
        + "allowed chip makers such as Intel and Qualcomm to sell to China's Huawei."));
  }

  @Test
  void aCompanysHomeIsNoDestination() {
    assertEquals(Set.of("EXPORT_LICENSE_REQUIRED  *"), events("", "The Dutch government says a licence requirement will apply "
        + "to exports of older lithography machines, a decision which mainly affects Dutch business ASML."));
  }

  @Test
  void aCapOnSalesIsAConditionNotABan() {
    assertEquals(Set.of(), events("", "A new cap limits H200 shipments to China to no more than 50% of US volumes."));
  }

  @Test
  void earlierThisWeekRecalls() {
    assertEquals(Set.of(), events("", "The move follows Nvidia, which earlier this week disclosed new US rules restricting shipments "
        + "of its H20 processor to China."));
    assertEquals(Set.of(), events("", "Intel has already been affected by previous rounds of sanctions, as well as broader bans on "
        + "GPU exports to China."));
  }

  @Test
  void aBodyRepeatingItsHeadlineDoesNotBackIt() {
    assertEquals(Set.of(), events("US blocks sale of Blackwell chips to China", "US blocks sale of Blackwell chips to China\n"
        + "The White House said the most advanced chips are not something it wants to sell. Officials repeated that view on Monday. "
        + "Analysts were not surprised. Nvidia shares were flat. The company declined to comment. Its China revenue has shrunk."));
  }

  @Test
  void beingOpenToSomethingIsNoDecision() {
    assertEquals(Set.of(), events("", "The President said he would be open to allowing Nvidia to sell a scaled-down Blackwell chip to China."));
    assertEquals(Set.of(), events("", "Officials raised the possibility of blacklisting more Chinese chipmakers."));
  }

  @Test
  void aHeadlinesVendorMeansTheChipsItsBodyNames() {
    assertEquals(Set.of("IMPORT_RESTRICTION nvidia-rtx-pro-6000d CN"), events("Beijing tells firms to cancel Nvidia chip orders",
        "China's internet regulator has told the country's biggest tech firms to cancel orders for the RTX Pro 6000D."));
  }

  @Test
  void chipsNamedInTheNextSentence() {
    assertEquals(Set.of("EXPORT_BAN nvidia-a100 CN", "EXPORT_BAN nvidia-h100 CN"), events("",
        "US officials told Nvidia to stop exporting two of its top computing chips to China. The chips, the A100 and "
            + "the H100, are used to train large AI models."));
  }

  @Test
  void valuesReachedResultingAndBracketed() {
    assertEquals(Set.of("nvidia 5000bn"), caps("", "Nvidia became the first company to surpass $5 trillion in market capitalisation."));
    assertEquals(Set.of("broadcom 1700bn"), caps("Broadcom jumps on a new AI deal",
        "The chip designer's shares rose 9%, adding $158 billion in market value to nearly $1.7 trillion."));
    assertEquals(Set.of("microsoft 3700bn", "nvidia 4400bn"), caps("",
        "According to one tracker, Nvidia's market cap is about $4.4 trillion, well ahead of Microsoft ($3.7 trillion)."));
    assertEquals(Set.of("samsung 356bn"), caps("",
        "Samsung Electronics' market capitalisation rose 42% to 468 trillion won (approximately $356 billion)."));
  }

  @Test
  void valuesOfThingsGroupsAndHopesAreNotMarketCaps() {
    assertEquals(Set.of(), caps("", "The order covers 35,000 Nvidia chips, worth an estimated $1 billion."));
    assertEquals(Set.of(), caps("", "Samsung Group's market capitalisation fell below $450 billion."));
    assertEquals(Set.of(), caps("", "Broadcom is a serious contender to join the $1 trillion club."));
    assertEquals(Set.of(), caps("Broadcom beats forecasts", "The company expects revenue to grow 40%, hitting the $50 billion mark."));
  }

  @Test
  void milestonesInWordsAndBareValuations() {
    assertEquals(Set.of("nvidia 5000bn"), caps("", "Nvidia has become the first listed company to pass the 5 trillion dollar market "
        + "capitalisation milestone."));
    assertEquals(Set.of("broadcom 1700bn"), caps("", "The deal sent Broadcom's stock soaring, pushing its valuation close to $1.7 trillion."));
  }

  @Test
  void aCompanyWeDoNotTrackKeepsItsOwnValue() {
    assertEquals(Set.of("sk-hynix 78bn"), caps("SK Hynix climbs the rankings",
        "SK Hynix saw its market capitalisation jump 89% to 103 trillion won (around $78 billion). LG Energy Solution, a "
            + "battery maker, slipped 2% in its capitalisation to 100 trillion won (roughly $76 billion)."));
  }

  @Test
  void theCompanysValueIsTheArticlesCompanys() {
    assertEquals(Set.of("nvidia 4000bn", "nvidia 600bn"), caps("Nvidia becomes the first $4 trillion company",
        "It overtook Microsoft earlier this month. Two years ago, the company's market value stood at $600 billion."));
  }
}
