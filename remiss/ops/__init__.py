"""Operations: online backup and restore of the database."""
