package dev.chipwatch.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayNamesTest {

  @Test
  void itemsReadLikeTheirMarketingNames() {
    assertEquals("Nvidia H20", DisplayNames.item("nvidia-h20"));
    assertEquals("Nvidia Blackwell", DisplayNames.item("nvidia-blackwell"));
    assertEquals("Nvidia RTX PRO 6000D", DisplayNames.item("nvidia-rtx-pro-6000d"));
    assertEquals("AMD MI308", DisplayNames.item("amd-mi308"));
    assertEquals("Huawei Ascend 910C", DisplayNames.item("huawei-ascend-910c"));
    assertEquals("SK hynix", DisplayNames.item("sk-hynix"));
    assertEquals("Cerebras WSE-3", DisplayNames.item("cerebras-wse-3"));
    assertEquals("TSMC", DisplayNames.item("tsmc"));
    assertEquals("Gallium", DisplayNames.item("gallium"));
  }

  @Test
  void unknownIdsFallBackToTitleCase() {
    assertEquals("Acme X100 Turbo", DisplayNames.item("acme-x100-turbo"));
  }

  @Test
  void countriesByIsoCode() {
    assertEquals("China", DisplayNames.country("CN"));
    assertEquals("Saudi Arabia", DisplayNames.country("SA"));
    assertEquals("United Arab Emirates", DisplayNames.country("ae"));
    assertEquals("the EU", DisplayNames.country("EU"));
    assertEquals("all destinations", DisplayNames.country("*"));
    assertEquals("XZ", DisplayNames.country("XZ"));
  }

  @Test
  void dollarsInTheUnitPeopleUse() {
    assertEquals("$4T", DisplayNames.usd(4e12));
    assertEquals("$4.02T", DisplayNames.usd(4.02e12));
    assertEquals("$950B", DisplayNames.usd(950e9));
    assertEquals("$3.999T", DisplayNames.usdDistinctFrom(3.999e12, 4e12));
    assertEquals("$4T", DisplayNames.usdDistinctFrom(4e12, 4e12));
  }
}
