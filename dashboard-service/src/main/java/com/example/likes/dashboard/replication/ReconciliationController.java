package com.example.likes.dashboard.replication;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation for operators: {@code GET} compares the dashboard with product-service and reports any drift;
 * {@code POST .../repair} does the same and sends every drifted product again through the outbox.
 */
@RestController
@RequestMapping("/api/admin/reconciliation")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping
    ReconciliationReport compare() {
        return reconciliation.compare();
    }

    @PostMapping("/repair")
    ReconciliationReport repair() {
        return reconciliation.repair();
    }
}
