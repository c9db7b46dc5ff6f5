INSERT OR REPLACE INTO sources (source_id, name, kind, url, country, languages, category,
    enabled, schedule, updated_at)
VALUES ($source_id, $name, $kind, $url, $country, $languages, $category, $enabled,
    $schedule, $updated_at);
