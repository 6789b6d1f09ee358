package com.example.likes.dashboard.reconciliation;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * Reconciliation for operators, on the management port behind the operator's credential (it reads both databases
 * in full): {@code GET /actuator/reconciliation} compares the dashboard with product-service and reports any drift;
 * {@code POST /actuator/reconciliation} does the same and sends every drifted product again through replication.
 */
@Component
@Endpoint(id = "reconciliation")
class ReconciliationEndpoint {

    private final Reconciliation reconciliation;

    ReconciliationEndpoint(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @ReadOperation
    ReconciliationReport compare() {
        return reconciliation.compare();
    }

    @WriteOperation
    ReconciliationReport repair() {
        return reconciliation.repair();
    }
}
