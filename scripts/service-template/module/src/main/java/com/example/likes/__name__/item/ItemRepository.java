package com.example.likes.__name__.item;

import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface ItemRepository extends ListCrudRepository<StoredItem, UUID> {}
