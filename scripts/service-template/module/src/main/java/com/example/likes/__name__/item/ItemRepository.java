package com.example.likes.__name__.item;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ItemRepository extends JpaRepository<Item, UUID> {}
