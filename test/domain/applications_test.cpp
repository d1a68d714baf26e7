#include "domain/applications.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace conduit::domain {
namespace {

storage::Application pending() {
  storage::Application a;
  a.id = "app_0000000000000000000001";
  a.scope = {"org_x", Environment::sandbox};
  a.client_reference_id = "ref-1";
  a.tax_id = "12-3456789";
  a.country = "USA";
  a.submission = R"({"businessInfo":{"legalName":"Acme Inc","taxId":"12-3456789","website":"https://acme.example"},
                     "registeredAddress":{"street1":"1 Main St","city":"Springfield","state":"IL","zipCode":"62701","country":"USA"},
                     "companyClassification":{"legalStructure":"llc","coreIndustry":"software"}})";
  a.persons = "[]";
  return a;
}

TEST(ApplicationLifecycle, Transitions) {
  EXPECT_TRUE(can_transition("pending", "processing"));
  EXPECT_TRUE(can_transition("pending", "approved"));
  EXPECT_TRUE(can_transition("processing", "rejected"));
  EXPECT_TRUE(can_transition("processing", "cancelled"));
  for (const char* final_status : {"approved", "rejected", "cancelled"}) {
    EXPECT_TRUE(is_final_status(final_status));
    for (const char* to : {"pending", "processing", "approved", "rejected", "cancelled"})
      EXPECT_FALSE(can_transition(final_status, to)) << final_status << " -> " << to;
  }
  EXPECT_FALSE(can_transition("pending", "pending"));
  EXPECT_FALSE(can_transition("processing", "pending"));
}

TEST(ApplicationLifecycle, ApprovalCreatesTheCustomerAndThreeEvents) {
  auto out = decide(pending(), {true, {}, {}, {}}, 5000);
  ASSERT_FALSE(out.error);
  const auto& e = out.effects;
  EXPECT_EQ(e.application.status, "approved");
  ASSERT_TRUE(e.customer);
  EXPECT_EQ(e.application.customer_id, e.customer->id);
  EXPECT_EQ(e.customer->application_id, e.application.id);
  EXPECT_EQ(e.customer->legal_name, "Acme Inc");
  EXPECT_EQ(e.customer->registered_country, "USA");
  EXPECT_EQ(e.customer->legal_structure, "llc");
  EXPECT_EQ(e.customer->client_reference_id, "ref-1");
  EXPECT_FALSE(e.customer->trade_name);
  ASSERT_EQ(e.events.size(), 3u);
  EXPECT_EQ(e.events[0].type, "application.approved");
  EXPECT_EQ(e.events[1].type, "customer.created");
  EXPECT_EQ(e.events[2].type, "customer.activated");
  auto data = boost::json::parse(e.events[0].data).as_object();
  EXPECT_EQ(data["customerId"], e.customer->id.c_str());
  EXPECT_EQ(data["applicationType"], "customer_onboarding");
  for (const auto& ev : e.events) EXPECT_EQ(ev.scope.organization_id, "org_x");
}

TEST(ApplicationLifecycle, RejectionRecordsWhyAndWhetherToResubmit) {
  auto docs = decide(pending(), {false, std::string("document_mismatch"), std::string("tax_id"), {}}, 5000);
  ASSERT_FALSE(docs.error);
  EXPECT_EQ(docs.effects.application.status, "rejected");
  EXPECT_EQ(docs.effects.application.failure_code, "rejected_by_ops");
  EXPECT_EQ(docs.effects.application.resubmittable, true);
  EXPECT_NE(docs.effects.application.failure_message->find("tax_id"), std::string::npos);
  EXPECT_FALSE(docs.effects.customer);
  ASSERT_EQ(docs.effects.events.size(), 1u);
  EXPECT_EQ(docs.effects.events[0].type, "application.rejected");
  auto compliance = decide(pending(), {false, std::string("compliance"), {}, {}}, 5000);
  EXPECT_EQ(compliance.effects.application.failure_code, "compliance_denied");
  EXPECT_EQ(compliance.effects.application.resubmittable, false);
  auto operator_reason = decide(pending(), {false, {}, {}, std::string("Sanctions hit")}, 5000);
  EXPECT_EQ(operator_reason.effects.application.failure_message, "Sanctions hit");
}

TEST(ApplicationLifecycle, DecidingTwiceOrAfterCancelIsRefused) {
  auto approved = decide(pending(), {true, {}, {}, {}}, 1).effects.application;
  EXPECT_EQ(decide(approved, {false, {}, {}, {}}, 2).error, "APPLICATION_ALREADY_DECIDED");
  EXPECT_EQ(cancel(approved, 2).error, "APPLICATION_INVALID_STATUS");
  auto cancelled = cancel(pending(), 2);
  ASSERT_FALSE(cancelled.error);
  EXPECT_EQ(cancelled.application.status, "cancelled");
  EXPECT_EQ(decide(cancelled.application, {true, {}, {}, {}}, 3).error, "APPLICATION_INVALID_STATUS");
  EXPECT_EQ(cancel(cancelled.application, 3).error, "APPLICATION_INVALID_STATUS");
}

}  // namespace
}  // namespace conduit::domain
